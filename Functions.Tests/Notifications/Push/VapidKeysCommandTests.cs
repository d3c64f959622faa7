using System.Buffers.Text;
using Klaxon.DevHost;
using Klaxon.Notifications;
using Klaxon.Notifications.Push;

namespace Klaxon.Tests.Notifications.Push;

public class VapidKeysCommandTests
{
    [Fact]
    public void Prints_a_matching_key_pair_as_the_two_app_settings()
    {
        using var output = new StringWriter();

        Assert.Equal(0, VapidKeysCommand.Run(output));

        var settings = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(["Notifications__WebPush__VapidPublicKey", "Notifications__WebPush__VapidPrivateKey"], settings.Keys);
        var publicKey = settings["Notifications__WebPush__VapidPublicKey"];
        var privateKey = settings["Notifications__WebPush__VapidPrivateKey"];
        Assert.Equal(65, Base64Url.DecodeFromChars(publicKey).Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(privateKey).Length);

        // The halves belong together: a VAPID token signed with the private key verifies with the public key.
        var endpoint = new Uri("https://push.example.com/x");
        var token = VapidToken.Create(endpoint, new WebPushOptions { VapidPublicKey = publicKey, VapidPrivateKey = privateKey, Subject = "mailto:ops@example.test" },
            DateTimeOffset.UtcNow);
        Assert.Null(VapidVerifier.Verify($"vapid t={token}, k={publicKey}", "https://push.example.com", publicKey, "mailto:ops@example.test", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Each_run_makes_a_new_pair()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();

        VapidKeysCommand.Run(first);
        VapidKeysCommand.Run(second);

        Assert.NotEqual(first.ToString(), second.ToString());
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", "https://fcm.googleapis.com")]
    [InlineData("https://push.example.com:8443/x", "https://push.example.com:8443")]
    [InlineData("http://127.0.0.1:5000/push/1", "http://127.0.0.1:5000")]
    [InlineData("https://user:secret@push.example.com/x", "https://push.example.com")]
    public void The_token_audience_is_the_endpoint_origin(string endpoint, string origin)
    {
        Assert.Equal(origin, VapidToken.Origin(new Uri(endpoint)));
    }

    [Fact]
    public void A_token_signed_with_another_key_does_not_verify()
    {
        var ours = VapidKeys.Generate();
        var theirs = VapidKeys.Generate();
        var token = VapidToken.Create(new Uri("https://push.example.com/x"),
            new WebPushOptions { VapidPublicKey = ours.PublicKey, VapidPrivateKey = ours.PrivateKey, Subject = "mailto:ops@example.test" }, DateTimeOffset.UtcNow);

        // Claiming their key with our signature is caught by the signature check, not just the key comparison.
        Assert.Equal("JWT signature does not verify with k",
            VapidVerifier.Verify($"vapid t={token}, k={theirs.PublicKey}", "https://push.example.com", theirs.PublicKey, "mailto:ops@example.test", DateTimeOffset.UtcNow));
        Assert.Contains("exp", VapidVerifier.Verify($"vapid t={token}, k={ours.PublicKey}", "https://push.example.com", ours.PublicKey, "mailto:ops@example.test",
            DateTimeOffset.UtcNow.AddDays(1)), StringComparison.Ordinal);
    }
}
