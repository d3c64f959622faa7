using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Klaxon.Storage;

namespace Klaxon.Notifications.Sms;

/// <summary>
/// The inbound SMS Klaxon has acted on, by Twilio's <c>MessageSid</c> (row <c>sms|{sha256(sid)}</c> in the contacts
/// table). A captured, validly signed reply replayed later would otherwise act again, and a bare <c>r</c> binds to the
/// newest page to that phone: it could resolve a newer, unrelated incident.
/// </summary>
public sealed class SmsReplayLog(TableServiceClient tables, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.ContactsTable);

    /// <summary>Whether a message with this id was acted on before. A message without an id (Twilio always sends one) is never a replay.</summary>
    public async Task<bool> SeenAsync(string? messageSid, CancellationToken cancellationToken)
    {
        if (messageSid is null)
        {
            return false;
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(messageSid), Row, select: ["At"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue;
    }

    /// <summary>
    /// Notes the message as acted on, after its action was queued: if Klaxon fails before that, Twilio's retry of the
    /// same message still goes through.
    /// </summary>
    public async Task RememberAsync(string? messageSid, CancellationToken cancellationToken)
    {
        if (messageSid is null)
        {
            return;
        }
        try
        {
            await _table.AddEntityAsync(new TableEntity(Partition(messageSid), Row) { ["At"] = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // Two deliveries of one message raced; either note will do.
        }
    }

    private const string Row = "seen";

    /// <summary>Hashed, so whatever the id holds it makes a valid key, and one partition per message spreads the load.</summary>
    private static string Partition(string messageSid) =>
        "sms|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageSid)));
}
