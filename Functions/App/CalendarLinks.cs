using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Klaxon.Notifications;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>
/// Calendar subscription links for the On call page: calendar apps fetch a feed without signing in, so the link
/// carries an HMAC over account, schedule and user, made with <c>Notifications:EmailLinks:SigningKey</c> under its own
/// purpose prefix (so it can never pass as an action link). No expiry (subscriptions are long-lived); a link stops
/// working when its user leaves the account, or for everyone when the key is rotated.
/// </summary>
public sealed class CalendarLinks(IOptions<NotificationsOptions> options)
{
    private const string Purpose = "klaxon-calendar-v1|";

    /// <summary>False without a signing key: the page then offers only the signed-in download.</summary>
    public bool IsConfigured => options.Value.EmailLinks.IsConfigured;

    /// <summary>The path (relative to the site) of the feed of <paramref name="scheduleId"/> for <paramref name="userId"/>, or null.</summary>
    public string? PathFor(string accountId, string scheduleId, string userId) =>
        IsConfigured
            ? $"/app/calendar/{Uri.EscapeDataString(accountId)}/{Uri.EscapeDataString(scheduleId)}.ics?u={Uri.EscapeDataString(userId)}&s={Signature(accountId, scheduleId, userId)}"
            : null;

    /// <summary>True when <paramref name="signature"/> was made by <see cref="PathFor"/> for these values with the current key.</summary>
    public bool Verify(string accountId, string scheduleId, string userId, string? signature) =>
        IsConfigured && signature is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(accountId, scheduleId, userId)), Encoding.ASCII.GetBytes(signature));

    private string Signature(string accountId, string scheduleId, string userId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.EmailLinks.SigningKey!),
            Encoding.UTF8.GetBytes($"{Purpose}{accountId}|{scheduleId}|{userId}")));
}
