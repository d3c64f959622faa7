using System.Buffers.Text;
using System.Security.Cryptography;

namespace Klaxon.DevHost;

/// <summary>
/// Prism mocks of Twilio and SendGrid plus throwaway credentials for every channel, as app settings. With these, DevHost
/// (<c>--providers prism</c>) and the tests send real provider requests, validated against the official API
/// descriptions, without any real account. Nothing here is a secret: the keys are generated per run.
/// </summary>
public sealed class ProviderMocks : IAsyncDisposable
{
    /// <summary>A syntactically valid Twilio account SID (AC + 32 hex digits) that names no real account.</summary>
    public const string TwilioAccountSid = "AC00000000000000000000000000000000";

    public const string TwilioFromNumber = "+15550000100";

    /// <summary>Where callbacks in messages point. Twilio signatures are computed over this, not over DevHost's own address.</summary>
    public const string PublicBaseUrl = "https://klaxon.example.test";

    private ProviderMocks(Prism twilio, Prism sendGrid)
    {
        Twilio = twilio;
        SendGrid = sendGrid;
        TwilioAuthToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        SendGridWebhookKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Vapid = VapidKeys.Generate();
        EmailLinksSigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    }

    public Prism Twilio { get; }

    public Prism SendGrid { get; }

    public string TwilioAuthToken { get; }

    /// <summary>The key pair whose public half is the SendGrid event webhook's verification key; tests sign events with it.</summary>
    public ECDsa SendGridWebhookKey { get; }

    public VapidKeys Vapid { get; }

    public string EmailLinksSigningKey { get; }

    /// <summary>Prism violations of both mocks.</summary>
    public IReadOnlyList<string> Violations => [.. Twilio.Violations, .. SendGrid.Violations];

    public static async Task<ProviderMocks> StartAsync(CancellationToken cancellationToken = default)
    {
        var twilio = Prism.StartAsync(Prism.TwilioSpec, cancellationToken);
        var sendGrid = Prism.StartAsync(Prism.SendGridSpec, cancellationToken);
        try
        {
            return new ProviderMocks(await twilio.ConfigureAwait(false), await sendGrid.ConfigureAwait(false));
        }
        catch
        {
            foreach (var started in new[] { twilio, sendGrid }.Where(task => task.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>App settings (configuration keys) that point every channel at these mocks.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Klaxon:PublicBaseUrl"] = PublicBaseUrl,
        ["Notifications:Twilio:AccountSid"] = TwilioAccountSid,
        ["Notifications:Twilio:AuthToken"] = TwilioAuthToken,
        ["Notifications:Twilio:FromNumber"] = TwilioFromNumber,
        ["Notifications:Twilio:ApiBaseUrl"] = Twilio.BaseUrl,
        ["Notifications:SendGrid:ApiKey"] = "SG.devhost-mock-key",
        ["Notifications:SendGrid:FromAddress"] = "klaxon@example.test",
        ["Notifications:SendGrid:ApiBaseUrl"] = SendGrid.BaseUrl,
        ["Notifications:SendGrid:WebhookPublicKey"] = Convert.ToBase64String(SendGridWebhookKey.ExportSubjectPublicKeyInfo()),
        ["Notifications:WebPush:VapidPublicKey"] = Vapid.PublicKey,
        ["Notifications:WebPush:VapidPrivateKey"] = Vapid.PrivateKey,
        ["Notifications:WebPush:Subject"] = "mailto:ops@example.test",
        ["Notifications:EmailLinks:SigningKey"] = EmailLinksSigningKey,
    };

    public async ValueTask DisposeAsync()
    {
        SendGridWebhookKey.Dispose();
        await Twilio.DisposeAsync().ConfigureAwait(false);
        await SendGrid.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>A VAPID key pair (RFC 8292) in the base64url forms Web Push libraries and browsers take.</summary>
/// <param name="PublicKey">Uncompressed P-256 point (65 bytes), the browser's <c>applicationServerKey</c>.</param>
/// <param name="PrivateKey">The 32-byte private scalar.</param>
public sealed record VapidKeys(string PublicKey, string PrivateKey)
{
    public static VapidKeys Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeys(
            Base64Url.EncodeToString([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]),
            Base64Url.EncodeToString(parameters.D!));
    }
}
