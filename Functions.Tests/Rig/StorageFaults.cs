using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Klaxon.Tests.Rig;

/// <summary>
/// A pipeline policy that fails requests to the incidents table for chosen accounts while switched on: it stands in
/// for an outage of that table, so a test can watch messages fail, go to the poison queue, and be replayed once
/// storage is back. Account configuration (another table) keeps working, so webhooks are still accepted.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.Ordinal);

    public void Fail(string accountId) => _failing[accountId] = true;

    public void Heal(string accountId) => _failing.TryRemove(accountId, out _);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        var uri = Uri.UnescapeDataString(message.Request.Uri.ToUri().ToString());
        foreach (var account in _failing.Keys)
        {
            // Account ids in tests are unique random strings: a mention in the URL (point reads, queries) or the body
            // (inserts, batches) makes it a request about that account.
            var text = uri + Body(message);
            if (text.Contains(account, StringComparison.Ordinal) && text.Contains(Klaxon.Storage.StorageNames.IncidentsTable, StringComparison.Ordinal))
            {
                throw new Azure.RequestFailedException(503, $"Injected storage fault for account {account}.");
            }
        }
    }

    private static string Body(HttpMessage message)
    {
        if (message.Request.Content is null)
        {
            return "";
        }
        using var buffer = new MemoryStream();
        message.Request.Content.WriteTo(buffer, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
