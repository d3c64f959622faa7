using Azure;
using Klaxon.Storage;

namespace Klaxon.Notifications.Contacts;

/// <summary>
/// Remembers the last pages sent to each phone number, across accounts, so an SMS reply can be tied to an incident:
/// <c>42a</c> means incident 42 of the latest page to this phone that was about a #42, and a bare <c>a</c> the latest
/// page of all. One row per phone (<c>phone|{e164}</c> / <c>recent</c>) holding the newest <see cref="Capacity"/> pages.
/// </summary>
public sealed class ContactLog(ContactRows rows)
{
    /// <summary>Pages remembered per phone. Default 50: more than a throttled phone can receive in hours.</summary>
    public const int Capacity = 50;

    private const string RecentRow = "recent";
    private const string PagesProperty = "Pages";

    public static string PhonePartition(string phone) => "phone|" + phone;

    /// <summary>Records that <paramref name="userId"/> of <paramref name="accountId"/> was paged about incident <paramref name="number"/> at this phone.</summary>
    public Task RecordAsync(string phone, string accountId, long number, string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        rows.UpdateAsync<List<ContactPage>, bool>(PhonePartition(phone), RecentRow, PagesProperty, maxConflicts: 20, stored =>
        {
            var entries = stored ?? [];
            if (entries.Any(entry => entry.AccountId == accountId && entry.Number == number && entry.UserId == userId && entry.At >= at))
            {
                return (null, true);
            }
            entries.RemoveAll(entry => entry.AccountId == accountId && entry.Number == number && entry.UserId == userId);
            entries.Insert(0, new ContactPage(accountId, number, userId, at));
            entries = [.. entries.OrderByDescending(entry => entry.At).Take(Capacity)];
            return (entries, true);
        }, cancellationToken);

    /// <summary>
    /// <see cref="RecordAsync"/> for callers that must carry on when the note cannot be written: returns why it was not
    /// (storage's status, or the conflicts it gave up after), null when it was recorded.
    /// </summary>
    public async Task<string?> TryRecordAsync(string phone, string accountId, long number, string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await RecordAsync(phone, accountId, number, userId, at, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException failure)
        {
            return $"storage answered {failure.Status}";
        }
        catch (ConcurrencyConflictException failure)
        {
            return $"gave up after {failure.Attempts} conflicting updates";
        }
    }

    /// <summary>The latest page to this phone about incident <paramref name="number"/>, or the latest of all when it is null.</summary>
    public async Task<ContactPage?> FindAsync(string phone, long? number, CancellationToken cancellationToken)
    {
        var entries = await rows.ReadAsync<List<ContactPage>>(PhonePartition(phone), RecentRow, PagesProperty, cancellationToken).ConfigureAwait(false);
        return entries?.FirstOrDefault(entry => number is null || entry.Number == number);
    }
}

/// <summary>One page to a phone: who was paged, about which incident, when.</summary>
public sealed record ContactPage(string AccountId, long Number, string UserId, DateTimeOffset At);
