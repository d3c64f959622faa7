using Klaxon.Notifications;
using Klaxon.Notifications.Push;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Klaxon.Tests.Notifications.Push;

public class VapidPublicKeyFunctionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/vapid-private)")]
    public void Without_push_configured_there_is_no_key_to_subscribe_with(string? privateKey)
    {
        var options = new NotificationsOptions
        {
            WebPush = new WebPushOptions { VapidPublicKey = "BPub", VapidPrivateKey = privateKey, Subject = "mailto:ops@example.test" },
        };

        var result = Assert.IsType<ContentResult>(new VapidPublicKeyFunction(Options.Create(options)).Run(new DefaultHttpContext().Request));

        Assert.Equal(404, result.StatusCode);
        Assert.Equal("""{"status":"not_found"}""", result.Content);
    }
}
