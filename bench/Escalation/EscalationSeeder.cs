using Azure.Data.Tables;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Storage;

namespace Klaxon.Bench.Escalation;

/// <summary>
/// Puts open incidents' escalation state and due-index rows straight into storage, in batches, with the same row
/// layout the app writes (<see cref="EscalationStore.Entity"/>, <see cref="DueIndex.Entity"/>). Each incident's
/// state comes from the real engine: layer 1 pages one user by sms at once and by voice one minute later, so its next
/// due time is its start plus a minute.
/// </summary>
public static class EscalationSeeder
{
    public const string Document = """
        { "id": "{ACCOUNT}", "name": "Escalation bench",
          "users": [ { "id": "alice", "name": "Alice", "phone": "+15551230001",
                       "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }, { "channel": "voice", "after": "PT1M" }] } } ],
          "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT48H" }] } }],
          "integrations": [] }
        """;

    public static readonly TimeSpan VoiceAfter = TimeSpan.FromMinutes(1);

    public static AccountConfig Account(string accountId)
    {
        var parsed = AccountConfigParser.Parse(Document.Replace("{ACCOUNT}", accountId, StringComparison.Ordinal), accountId);
        return parsed.Config ?? throw new InvalidOperationException(string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}")));
    }

    /// <summary>Seeds one incident per entry of <paramref name="dueTimes"/>, numbered from 1, each next due then.</summary>
    public static async Task SeedAsync(TableServiceClient tables, AccountConfig account, IReadOnlyList<DateTimeOffset> dueTimes, CancellationToken cancellationToken)
    {
        var team = account.Teams[0];
        var states = new List<TableEntity>(dueTimes.Count);
        var due = new List<TableEntity>(dueTimes.Count);
        for (var i = 0; i < dueTimes.Count; i++)
        {
            var number = i + 1L;
            var outcome = EscalationEngine.Start(account.Id, number, Urgency.High, team, account, (_, _) => [], dueTimes[i] - VoiceAfter);
            states.Add(EscalationStore.Entity(outcome.State));
            due.Add(DueIndex.Entity(new DueItem(account.Id, number, EscalationEngine.NextDueAt(outcome.State)!.Value)));
        }
        await InBatchesAsync(tables.GetTableClient(StorageNames.IncidentsTable), states, cancellationToken).ConfigureAwait(false);
        await InBatchesAsync(tables.GetTableClient(StorageNames.DueTable), due, cancellationToken).ConfigureAwait(false);
    }

    private static async Task InBatchesAsync(TableClient table, List<TableEntity> entities, CancellationToken cancellationToken)
    {
        var batches = entities.GroupBy(e => e.PartitionKey).SelectMany(group => group.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct).ConfigureAwait(false))
            .ConfigureAwait(false);
    }
}
