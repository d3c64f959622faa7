using System.Text;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Http;
using Klaxon.Notifications.Twilio;
using Klaxon.Notifications;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Klaxon.Tests.Notifications.Twilio;

/// <summary>The verification rules on a bare request; the routes' use of them is in the DevHost tests.</summary>
public class TwilioSignatureTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string PublicBase = "https://klaxon.example.test/";
    private const string PathAndQuery = "twilio/status?a=acct1&n=42&j=job%2F1";

    private static readonly Dictionary<string, string> Form = new()
    {
        ["MessageSid"] = "SM1",
        ["MessageStatus"] = "delivered",
        ["Body"] = "Ünïcode + spaces & ampersands=",
    };

    [Fact]
    public void The_test_signer_agrees_with_the_Twilio_library()
    {
        var url = "https://klaxon.example.test/" + PathAndQuery;
        var signature = TwilioSigner.Sign(Token, url, Form);

        Assert.True(new RequestValidator(Token).Validate(url, Form, signature));
        Assert.False(new RequestValidator(Token).Validate(url, new Dictionary<string, string>(Form) { ["MessageStatus"] = "failed" }, signature));
    }

    [Fact]
    public async Task A_request_signed_over_the_public_url_is_verified_whatever_the_Host_header_says()
    {
        var verified = await Verifier().VerifyAsync(Request(Sign("https://klaxon.example.test/" + PathAndQuery)).ToSignedWebhook(TwilioSignature.Header), CancellationToken.None);

        Assert.NotNull(verified);
        Assert.Equal("https://klaxon.example.test/" + PathAndQuery, verified.Url);
        Assert.Equal(Form, verified.Form);
    }

    [Fact]
    public async Task A_signature_over_the_internal_host_is_refused()
    {
        Assert.Null(await Verifier().VerifyAsync(Request(Sign("http://10.0.0.5:7071/" + PathAndQuery)).ToSignedWebhook(TwilioSignature.Header), CancellationToken.None));
    }

    [Theory]
    [InlineData(null, PublicBase)]
    [InlineData("", PublicBase)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/twilio)", PublicBase)]
    [InlineData(Token, null)]
    [InlineData(Token, " ")]
    public async Task Without_auth_token_or_public_base_url_everything_is_refused(string? token, string? publicBase)
    {
        var request = Request(Sign("https://klaxon.example.test/" + PathAndQuery));
        Assert.Null(await Verifier(token, publicBase).VerifyAsync(request.ToSignedWebhook(TwilioSignature.Header), CancellationToken.None));
    }

    [Fact]
    public async Task Other_content_types_repeated_fields_and_oversized_bodies_are_refused()
    {
        var signature = Sign("https://klaxon.example.test/" + PathAndQuery);
        var json = Request(signature);
        json.ContentType = "application/json";
        Assert.Null(await Verifier().VerifyAsync(json.ToSignedWebhook(TwilioSignature.Header), CancellationToken.None));

        var repeated = Request(signature, "MessageSid=SM1&MessageStatus=delivered&MessageStatus=failed");
        Assert.Null(await Verifier().VerifyAsync(repeated.ToSignedWebhook(TwilioSignature.Header), CancellationToken.None));

        var big = new Dictionary<string, string> { ["Body"] = new string('x', TwilioSignature.MaxBodyBytes) };
        var oversized = Request(TwilioSigner.Sign(Token, "https://klaxon.example.test/" + PathAndQuery, big), Encode(big));
        Assert.Null(await Verifier().VerifyAsync(oversized.ToSignedWebhook(TwilioSignature.Header), CancellationToken.None));
    }

    private static string Sign(string url) => TwilioSigner.Sign(Token, url, Form);

    private static TwilioSignature Verifier(string? token = Token, string? publicBase = PublicBase) => new(
        Options.Create(new NotificationsOptions { Twilio = new TwilioOptions { AuthToken = token } }),
        Options.Create(new KlaxonOptions { PublicBaseUrl = publicBase }),
        NullLogger<TwilioSignature>.Instance);

    private static string Encode(IReadOnlyDictionary<string, string> form) =>
        new FormUrlEncodedContent(form).ReadAsStringAsync().GetAwaiter().GetResult();

    /// <summary>A request as it reaches the app behind a proxy: internal host and scheme, the public path and query.</summary>
    private static HttpRequest Request(string signature, string? body = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = "http";
        request.Host = new HostString("10.0.0.5", 7071);
        request.Path = "/twilio/status";
        request.QueryString = new QueryString("?a=acct1&n=42&j=job%2F1");
        request.ContentType = "application/x-www-form-urlencoded";
        request.Headers["X-Twilio-Signature"] = signature;
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? Encode(Form)));
        return request;
    }
}
