using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Incidents;
using Klaxon.Outgoing;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Outgoing;

/// <summary>
/// Klaxon's real services on Azurite for driving outgoing deliveries step by step: an account with one outgoing webhook
/// (and optionally Slack/Teams channels on team ops), incidents changed through the real applier, and the outgoing
/// queue's messages for this account run by calling the queue function (what the trigger would do). Retries wait no
/// backoff (a receiver's Retry-After still applies), attempts time out after 2 s, 3 attempts at most.
/// </summary>
public sealed class OutgoingRig : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://klaxon.example.test";

    private readonly ServiceProvider _services;
    private readonly QueueClient _queue;

    private OutgoingRig(ServiceProvider services, string accountId, string? secret)
    {
        _services = services;
        AccountId = accountId;
        Secret = secret;
        _queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.OutgoingQueue);
    }

    public string AccountId { get; }

    /// <summary>The webhook's signing secret Klaxon generated.</summary>
    public string? Secret { get; }

    public IServiceProvider Services => _services;

    /// <summary>Messages put on the outgoing queue through this rig's services (each a billed storage transaction).</summary>
    public OutgoingPuts Puts { get; private init; } = new();

    /// <summary>Every outgoing message of this account run so far, as queued (to run one again: a redelivery).</summary>
    public List<string> Processed { get; } = [];

    /// <param name="webhookUrl">The outgoing webhook's URL; null for none.</param>
    /// <param name="chat">Team ops's <c>chat</c> entries as JSON, e.g. <c>{"kind":"slack","url":"…"}</c>.</param>
    public static async Task<OutgoingRig> CreateAsync(AzuriteFixture azurite, string? webhookUrl, string? events = null, Dictionary<string, string?>? settings = null, params string[] chat)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([
                new(StorageClientFactory.SettingName, azurite.ConnectionString),
                new("Klaxon:PublicBaseUrl", PublicBaseUrl),
                new("Outgoing:AllowLoopback", "true"),
                new("Outgoing:AnnounceDelay", "00:00:00"),
                new("Outgoing:RetryBaseDelay", "00:00:00"),
                new("Outgoing:AttemptTimeout", "00:00:02"),
                new("Outgoing:MaxAttempts", "3"),
                .. settings ?? []])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKlaxon(configuration);
        services.AddSingleton(azurite.Tables);
        var queueOptions = new Azure.Storage.Queues.QueueClientOptions();
        var puts = new OutgoingPuts();
        queueOptions.AddPolicy(puts, Azure.Core.HttpPipelinePosition.PerCall);
        services.AddSingleton(StorageClientFactory.CreateQueueServiceClient(configuration, queueOptions));
        var provider = services.BuildServiceProvider();
        var accountId = "og" + Guid.NewGuid().ToString("N")[..12];
        var webhooks = webhookUrl is null ? "" : $$""", "outgoingWebhooks": [{ "id": "ops-hook", "url": "{{webhookUrl}}"{{(events is null ? "" : $", \"events\": {events}")}} }]""";
        var document = $$"""
            {
              "id": "{{accountId}}", "name": "Outgoing test",
              "users": [{ "id": "alice", "name": "Alice Example" }],
              "teams": [{ "id": "ops", "name": "Operations", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT5M" }] },
                          "chat": [{{string.Join(",", chat)}}] }],
              "integrations": [{ "id": "mon", "token": "{{Guid.NewGuid():N}}", "name": "Monitor", "urgency": "high", "team": "ops" }]
              {{webhooks}}
            }
            """;
        var parsed = AccountConfigParser.Parse(document, accountId);
        Assert.True(parsed.Config is not null, string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var saved = await provider.GetRequiredService<AccountStore>().SaveWithSecretsAsync(parsed.Config!, CancellationToken.None);
        return new OutgoingRig(provider, accountId, saved.Secrets.SingleOrDefault()?.Secret) { Puts = puts };
    }

    public async Task<long> OpenIncidentAsync(string alertId, string title = "Disk full on db1")
    {
        await ApplyAsync(NewEvent(IncidentActionKind.Create, alertId, title));
        var incidents = await _services.GetRequiredService<IncidentReader>().ListAsync(AccountId, null, 50, null, CancellationToken.None);
        return incidents.Items.First(i => i.DedupKey == alertId).Number;
    }

    public Task ApplyAsync(EventEnvelope envelope) => _services.GetRequiredService<IncidentApplier>().ApplyAsync(envelope, CancellationToken.None);

    public EventEnvelope NewEvent(IncidentActionKind action, string alertId, string title = "Disk full on db1", string actor = "Monitor", string source = "webhook") => new()
    {
        EventId = Guid.NewGuid().ToString(),
        AccountId = AccountId,
        Source = source,
        Actor = actor,
        Action = action,
        ReceivedAt = DateTimeOffset.UtcNow,
        IntegrationId = "mon",
        IntegrationName = "Monitor",
        TeamId = "ops",
        AlertId = alertId,
        Title = title,
        Urgency = Urgency.High,
    };

    /// <summary>
    /// Runs this account's outgoing messages as they become visible (later attempts are hidden until due) until
    /// <paramref name="done"/> holds, or fails after <paramref name="within"/> (default 20 s).
    /// </summary>
    public async Task RunUntilAsync(Func<bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The outgoing messages did not get there in time.");
            var batch = (await _queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30))).Value;
            if (batch.Length == 0)
            {
                await Task.Delay(100);
                continue;
            }
            foreach (var message in batch)
            {
                var text = message.Body.ToString();
                var mine = OutgoingQueue.Read(text) switch
                {
                    OutgoingAnnouncement a => a.Notice.AccountId == AccountId,
                    OutgoingDelivery d => d.AccountId == AccountId,
                    _ => false,
                };
                if (!mine)
                {
                    // Another test's: leave it for its owner.
                    await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                    continue;
                }
                await RunAsync(text);
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>Runs this account's outgoing messages for <paramref name="duration"/>, whatever comes.</summary>
    public async Task RunForAsync(TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        await RunUntilAsync(() => DateTime.UtcNow >= until, duration + TimeSpan.FromSeconds(20));
    }

    /// <summary>Runs one outgoing message as the queue trigger would.</summary>
    public async Task RunAsync(string message)
    {
        Processed.Add(message);
        await ActivatorUtilities.CreateInstance<OutgoingFunction>(_services).Run(message, CancellationToken.None);
    }

    public async Task<JsonArray> DeliveriesAsync(OutgoingTargetKind target = OutgoingTargetKind.Webhook, string targetId = "ops-hook")
    {
        var items = await _services.GetRequiredService<DeliveryAttemptLog>().ListAsync(AccountId, target, targetId, 100, CancellationToken.None);
        return JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(items, KlaxonJson.Options))!.AsArray();
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(long number)
    {
        var incident = await _services.GetRequiredService<IncidentReader>().GetAsync(AccountId, number, CancellationToken.None);
        return incident!.Timeline!;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>Counts messages put on the outgoing queue.</summary>
public sealed class OutgoingPuts : Azure.Core.Pipeline.HttpPipelinePolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
    {
        Tally(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
    {
        Tally(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Tally(Azure.Core.HttpMessage message)
    {
        if (message.Request.Method == Azure.Core.RequestMethod.Post
            && message.Request.Uri.Path.EndsWith($"/{StorageNames.OutgoingQueue}/messages", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
