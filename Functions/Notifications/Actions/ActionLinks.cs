using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Klaxon.Common;
using Klaxon.Incidents;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Actions;

/// <summary>
/// Signed, expiring acknowledge/resolve links for emails and push notifications. A token is
/// <c>base64url(json grant) "." base64url(HMAC-SHA256(signing key, first part))</c>: it names the incident, the user
/// and the action, so whoever holds the link can do exactly that one thing until it expires, and nothing else.
/// </summary>
public sealed class ActionLinks(IOptions<NotificationsOptions> notifications, IOptions<KlaxonOptions> klaxon, TimeProvider time) : IActionLinks
{
    /// <summary>The path links point at (GET shows a confirmation page, POST acts).</summary>
    public const string Route = "actions";

    private EmailLinksOptions Options => notifications.Value.EmailLinks;

    /// <summary>Links need both a signing key and the public base URL people's browsers can reach.</summary>
    public bool IsConfigured => Options.IsConfigured && SecretSettings.IsSet(klaxon.Value.PublicBaseUrl);

    /// <summary>A token for <paramref name="action"/> by <paramref name="userId"/> on one incident, valid for the configured lifetime.</summary>
    public string CreateToken(string accountId, long number, string userId, IncidentActionKind action, string channel)
    {
        var grant = new ActionGrant(accountId, number, userId, action == IncidentActionKind.Resolve ? "resolve" : "acknowledge", channel,
            time.GetUtcNow().Add(Options.Lifetime).ToUnixTimeSeconds());
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(grant, KlaxonJson.Options));
        return $"{payload}.{Base64Url.EncodeToString(Sign(payload))}";
    }

    /// <summary><c>{PublicBaseUrl}/actions?t={token}</c>.</summary>
    public string CreateUrl(string accountId, long number, string userId, IncidentActionKind action, string channel) =>
        $"{klaxon.Value.PublicBaseUrl!.TrimEnd('/')}/{Route}?t={CreateToken(accountId, number, userId, action, channel)}";

    /// <summary>Checks signature and expiry. The error says which rule failed, for the page shown to the person.</summary>
    public bool TryVerify(string? token, out VerifiedAction? action, out string? error)
    {
        action = null;
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || dot <= 0 || dot == token.Length - 1)
        {
            error = "The link is incomplete: copy the whole link from the message.";
            return false;
        }
        var payload = token[..dot];
        byte[] signature;
        ActionGrant? grant;
        try
        {
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            grant = JsonSerializer.Deserialize<ActionGrant>(Base64Url.DecodeFromChars(payload), KlaxonJson.Options);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            error = "The link is damaged: copy the whole link from the message.";
            return false;
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)) || grant is null)
        {
            error = "The link's signature is not valid.";
            return false;
        }
        if (time.GetUtcNow().ToUnixTimeSeconds() > grant.Exp)
        {
            error = "The link has expired: use the management API or a newer message.";
            return false;
        }
        action = new VerifiedAction(grant.A, grant.N, grant.U, grant.Act == "resolve" ? IncidentActionKind.Resolve : IncidentActionKind.Acknowledge, grant.Ch);
        error = null;
        return true;
    }

    private byte[] Sign(string payload) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.SigningKey ?? throw new InvalidOperationException("Notifications:EmailLinks:SigningKey is not set.")),
            Encoding.ASCII.GetBytes(payload));

    /// <summary>Short property names keep links short enough for SMS-length copies and mail clients.</summary>
    private sealed record ActionGrant(string A, long N, string U, string Act, string Ch, long Exp);
}

/// <summary>A verified link: who may do what to which incident, through which channel.</summary>
public sealed record VerifiedAction(string AccountId, long Number, string UserId, IncidentActionKind Action, string Channel);
