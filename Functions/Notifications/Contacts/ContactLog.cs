using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Storage;

namespace Klaxon.Notifications.Contacts;

/// <summary>
/// Remembers the last pages sent to each phone number, across accounts, so an SMS reply can be tied to an incident:
/// <c>42a</c> means incident 42 of the latest page to this phone that was about a #42, and a bare <c>a</c> the latest
/// page of all. One row per phone (<c>phone|{e164}</c> / <c>recent</c>) holding the newest <see cref="Capacity"/> pages.
/// </summary>
public sealed class ContactLog(TableServiceClient tables)
{
    /// <summary>Pages remembered per phone. Default 50: more than a throttled phone can receive in hours.</summary>
    public const int Capacity = 50;

    private const string RecentRow = "recent";
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ContactsTable);
    private readonly ContactRows _rows = new(tables.GetTableClient(StorageNames.ContactsTable));

    public static string PhonePartition(string phone) => "phone|" + phone;

    /// <summary>Records that <paramref name="userId"/> of <paramref name="accountId"/> was paged about incident <paramref name="number"/> at this phone.</summary>
    public Task RecordAsync(string phone, string accountId, long number, string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _rows.UpdateAsync(PhonePartition(phone), RecentRow, maxConflicts: 20, stored =>
        {
            var entries = stored is null ? [] : Read(stored);
            if (entries.Any(entry => entry.AccountId == accountId && entry.Number == number && entry.UserId == userId && entry.At >= at))
            {
                return (null, true);
            }
            entries.RemoveAll(entry => entry.AccountId == accountId && entry.Number == number && entry.UserId == userId);
            entries.Insert(0, new ContactPage(accountId, number, userId, at));
            entries = [.. entries.OrderByDescending(entry => entry.At).Take(Capacity)];
            return (new TableEntity(PhonePartition(phone), RecentRow) { ["Pages"] = JsonSerializer.Serialize(entries, KlaxonJson.Options) }, true);
        }, cancellationToken);

    /// <summary>The latest page to this phone about incident <paramref name="number"/>, or the latest of all when it is null.</summary>
    public async Task<ContactPage?> FindAsync(string phone, long? number, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(PhonePartition(phone), RecentRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue)
        {
            return null;
        }
        return Read(existing.Value!).FirstOrDefault(entry => number is null || entry.Number == number);
    }

    private static List<ContactPage> Read(TableEntity entity) =>
        JsonSerializer.Deserialize<List<ContactPage>>(entity.GetString("Pages") ?? "[]", KlaxonJson.Options) ?? [];
}

/// <summary>One page to a phone: who was paged, about which incident, when.</summary>
public sealed record ContactPage(string AccountId, long Number, string UserId, DateTimeOffset At);
