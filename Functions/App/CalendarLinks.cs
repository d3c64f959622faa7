using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Klaxon.Accounts;
using Klaxon.Notifications;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>
/// Calendar subscription links for the On call page: calendar apps fetch a feed without signing in, so the link
/// carries an HMAC over account, schedule, user and the user's link generation, made with
/// <c>Notifications:EmailLinks:SigningKey</c> under its own purpose prefix (so it can never pass as an action link).
/// No expiry (subscriptions are long-lived); a link stops working when its user leaves the account, when the user (or an
/// admin through the API) resets their calendar links, or for everyone when the key is rotated.
/// </summary>
public sealed class CalendarLinks(IOptions<NotificationsOptions> options, CredentialStore credentials)
{
    private const string Purpose = "klaxon-calendar-v1|";

    /// <summary>False without a signing key: the page then offers only the signed-in download.</summary>
    public bool IsConfigured => options.Value.EmailLinks.IsConfigured;

    /// <summary>
    /// The paths (relative to the site) of the feeds of <paramref name="scheduleIds"/> for <paramref name="userId"/>, in
    /// order; all null without a signing key. One read of the user's link generation, whatever the number of schedules.
    /// </summary>
    public async Task<IReadOnlyList<string?>> PathsForAsync(string accountId, IReadOnlyList<string> scheduleIds, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduleIds);
        if (!IsConfigured || scheduleIds.Count == 0)
        {
            return [.. scheduleIds.Select(_ => (string?)null)];
        }
        var generation = await credentials.LinkGenerationAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        return [.. scheduleIds.Select(scheduleId =>
            $"/app/calendar/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(scheduleId)}.ics?u={Uri.EscapeDataString(userId)}&s={Signature(accountId, scheduleId, userId, generation)}")];
    }

    /// <summary>True when <paramref name="signature"/> was made by <see cref="PathsForAsync"/> for these values, the user's current generation and the current key.</summary>
    public async Task<bool> VerifyAsync(string accountId, string scheduleId, string userId, string? signature, CancellationToken cancellationToken)
    {
        if (!IsConfigured || signature is not { Length: > 0 })
        {
            return false;
        }
        var generation = await credentials.LinkGenerationAsync(accountId, userId, cancellationToken).ConfigureAwait(false);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(accountId, scheduleId, userId, generation)), Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>Generation 0 signs what links signed before generations existed, so links given out then keep working.</summary>
    private string Signature(string accountId, string scheduleId, string userId, long generation) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.EmailLinks.SigningKey!),
            Encoding.UTF8.GetBytes($"{Purpose}{accountId}|{scheduleId}|{userId}" + (generation == 0 ? "" : $"|g{generation}"))));
}
