using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Klaxon.Storage;

/// <summary>Where a once-only use is noted: a table, a partition and a row. Build it with <see cref="OnceLog.Key"/>.</summary>
public readonly record struct OnceKey(string Table, string Partition, string Row);

/// <summary>
/// Notes that something a caller can replay was acted on (an SMS reply's <c>MessageSid</c>, a resolve link's token), so
/// the replay is recognised. Only a hash of the secret part is stored. The use is noted after its action was queued:
/// a failure before that leaves it usable, so a provider's own retry still goes through.
/// </summary>
public sealed class OnceLog(TableServiceClient tables, TimeProvider time)
{
    /// <summary>A key whose <paramref name="secretPrefix"/>-prefixed part is <c>{prefix}{sha256(secret)}</c> (a valid key whatever the secret holds).</summary>
    /// <param name="hashedInRow">True: the hash goes into the row key under <paramref name="fixedPart"/> as partition; false: into the partition, with <paramref name="fixedPart"/> as row.</param>
    public static OnceKey Key(string table, string fixedPart, string secretPrefix, string secret, bool hashedInRow)
    {
        var hashed = secretPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        return hashedInRow ? new OnceKey(table, fixedPart, hashed) : new OnceKey(table, hashed, fixedPart);
    }

    public async Task<bool> WasUsedAsync(OnceKey key, CancellationToken cancellationToken)
    {
        var row = await tables.GetTableClient(key.Table).GetEntityIfExistsAsync<TableEntity>(key.Partition, key.Row, select: ["At"], cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue;
    }

    public async Task MarkUsedAsync(OnceKey key, CancellationToken cancellationToken)
    {
        try
        {
            await tables.GetTableClient(key.Table).AddEntityAsync(new TableEntity(key.Partition, key.Row) { ["At"] = time.GetUtcNow() }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException conflict) when (conflict.Status == 409)
        {
            // Two deliveries raced; either note will do.
        }
    }
}
