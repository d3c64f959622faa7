using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Klaxon.DevHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Bench;

/// <summary>
/// A minimal Kestrel endpoint that only reads the raw body and enqueues it with the same SDK client Klaxon uses:
/// the most an HTTP intake in this process can accept per second on this Azurite.
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<BareEndpoint> StartAsync(QueueClient queue)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/enqueue", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await queue.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
            return Results.Text("""{"status":"accepted"}""", "application/json", Encoding.UTF8, StatusCodes.Status202Accepted);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareEndpoint(app, new Uri(address.TrimEnd('/') + "/enqueue"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>
/// The raw apply loop: polls like the host (host.json's batch size, new-batch threshold and empty-queue back-off), and
/// per message parses the body's <c>Id</c>, upserts one table entity and deletes the message. Records when each Id's
/// write succeeded (the counterpart of Klaxon's commit).
/// </summary>
public sealed class RawApplyLoop(QueueClient queue, TableClient table, HostJsonSettings host, Action<string>? onApplied = null)
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<string, long> _applied = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Applied => _applied;

    /// <summary>Runs until <paramref name="expected"/> messages are applied (and their deletes done); false on timeout.</summary>
    public async Task<bool> RunAsync(int expected, TimeSpan timeout)
    {
        using var stop = new CancellationTokenSource(timeout);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var applied = 0;
        var running = new List<Task>();
        var delay = MinPollingInterval;
        try
        {
            while (!done.Task.IsCompleted)
            {
                running.RemoveAll(task => task.IsCompleted);
                if (running.Count > host.NewBatchThreshold)
                {
                    await Task.WhenAny(running).ConfigureAwait(false);
                    continue;
                }
                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(host.BatchSize, TimeSpan.FromMinutes(10), stop.Token).ConfigureAwait(false)).Value;
                if (messages.Length == 0)
                {
                    await Task.WhenAny(Task.Delay(delay, stop.Token), done.Task).ConfigureAwait(false);
                    stop.Token.ThrowIfCancellationRequested();
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, host.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinPollingInterval;
                running.AddRange(messages.Select(async message =>
                {
                    await ApplyAsync(message, stop.Token).ConfigureAwait(false);
                    if (Interlocked.Increment(ref applied) >= expected)
                    {
                        done.TrySetResult();
                    }
                }));
            }
            await Task.WhenAll(running).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ApplyAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(message.Body.ToMemory());
        var id = document.RootElement.GetProperty("Id").GetString()!;
        var entity = new TableEntity("bench", id)
        {
            ["Title"] = document.RootElement.GetProperty("Title").GetString(),
            ["Description"] = document.RootElement.GetProperty("Description").GetString(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (_applied.TryAdd(id, Stopwatch.GetTimestamp()))
        {
            onApplied?.Invoke(id);
        }
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }
}
