using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Incidents;
using Klaxon.Ingestion;
using Klaxon.Notifications;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Delivery;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Notifications.Delivery;

/// <summary>
/// Klaxon's real services against Azurite with a fake clock, for driving page delivery step by step: an account whose
/// user alice has a phone unique to the test, incidents opened through the real applier, and jobs run by calling the
/// dispatcher directly (what the queue trigger would do).
/// </summary>
public sealed class DeliveryRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DeliveryRig(ServiceProvider services, string accountId, string phone, FakeTimeProvider clock)
    {
        _services = services;
        AccountId = accountId;
        Phone = phone;
        Clock = clock;
    }

    public string AccountId { get; }

    public string Phone { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    public TableClient Incidents => _services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.IncidentsTable);

    /// <param name="settings">Extra configuration, e.g. <c>Notifications:Delivery:SmsPerWindow</c>.</param>
    /// <param name="channels">Senders to register as configured channels (the rest use the outbox).</param>
    public static Task<DeliveryRig> CreateAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, params IChannelSender[] channels) =>
        CreateAsync(azurite, settings, null, channels);

    /// <param name="configure">Runs after Klaxon's registrations (tests add fault handlers to provider HttpClients).</param>
    public static async Task<DeliveryRig> CreateAsync(
        AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configure, params IChannelSender[] channels)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder()
            // Opening an incident here must not page by itself: with DispatchInline its escalation would start and send the
            // page the test then dispatches (same job id) before the test could arrange anything; queued, it just waits.
            .AddInMemoryCollection([new(StorageClientFactory.SettingName, azurite.ConnectionString), new("Notifications:Delivery:RequeueBaseDelay", "00:00:00"),
                new("Klaxon:DispatchInline", "false"), .. settings ?? new Dictionary<string, string?>()])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddKlaxon(configuration);
        foreach (var channel in channels)
        {
            services.AddSingleton<IChannelSender>(channel);
        }
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        var accountId = "dl" + Guid.NewGuid().ToString("N")[..12];
        var phone = "+1555" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var document = $$"""
            {
              "id": "{{accountId}}", "name": "Delivery test",
              "users": [
                { "id": "alice", "name": "Alice", "phone": "{{phone}}", "email": "alice@example.com" },
                { "id": "bob", "name": "Bob" }
              ],
              "teams": [{ "id": "ops", "name": "Ops", "escalationPolicy": { "layers": [{ "targets": [{ "user": "alice" }], "escalateAfter": "PT5M" }] } }],
              "integrations": [{ "id": "mon", "token": "{{Guid.NewGuid():N}}", "name": "Monitor", "urgency": "high", "team": "ops" }]
            }
            """;
        var parsed = AccountConfigParser.Parse(document, accountId);
        Assert.True(parsed.Config is not null, string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}")));
        await provider.GetRequiredService<AccountStore>().SaveAsync(parsed.Config!, CancellationToken.None);
        return new DeliveryRig(provider, accountId, phone, clock);
    }

    /// <summary>Opens an incident through the real applier; returns its number.</summary>
    public async Task<long> OpenIncidentAsync(string alertId, string title = "Database down")
    {
        var applier = _services.GetRequiredService<IncidentApplier>();
        await applier.ApplyAsync(new EventEnvelope
        {
            EventId = Guid.NewGuid().ToString(),
            AccountId = AccountId,
            Source = "webhook",
            Actor = "Monitor",
            Action = IncidentActionKind.Create,
            ReceivedAt = Clock.GetUtcNow(),
            IntegrationId = "mon",
            IntegrationName = "Monitor",
            TeamId = "ops",
            AlertId = alertId,
            Title = title,
            Urgency = Urgency.High,
        }, CancellationToken.None);
        var incidents = await _services.GetRequiredService<IncidentReader>().ListAsync(AccountId, null, 50, null, CancellationToken.None);
        return incidents.Items.Single(i => i.DedupKey == alertId).Number;
    }

    public async Task ResolveAsync(long number)
    {
        var incident = await _services.GetRequiredService<IncidentReader>().GetAsync(AccountId, number, CancellationToken.None, withTimeline: false);
        Clock.Advance(TimeSpan.FromSeconds(1)); // events apply in order of receipt: after the create
        await _services.GetRequiredService<IncidentApplier>().ApplyAsync(new EventEnvelope
        {
            EventId = Guid.NewGuid().ToString(),
            AccountId = AccountId,
            Source = "api",
            Actor = "alice",
            Action = IncidentActionKind.Resolve,
            ReceivedAt = Clock.GetUtcNow(),
            IntegrationId = incident!.IntegrationId,
            AlertId = incident.DedupKey,
            IncidentNumber = number,
        }, CancellationToken.None);
    }

    public PageJob Page(long number, string channel = "sms", string user = "alice", int step = 0) =>
        new($"{AccountId}:{number}:0:0:{user}:{step}", Clock.GetUtcNow(), AccountId, number, "req-" + number, "ops", user, WireNames.Parse<NotificationChannel>(channel));

    public Task DispatchAsync(INotificationMessage job) =>
        _services.GetRequiredService<INotificationDispatcher>().DispatchAsync(job, CancellationToken.None);

    /// <summary>The incident's timeline lines of the given kinds, in order.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(long number, params string[] kinds)
    {
        var incident = await _services.GetRequiredService<IncidentReader>().GetAsync(AccountId, number, CancellationToken.None);
        return [.. incident!.Timeline!.Where(t => kinds.Length == 0 || kinds.Contains(t.Kind))];
    }

    /// <summary>Notification jobs of this account waiting on the queue (visible ones), removed from it.</summary>
    public async Task<IReadOnlyList<DeliveryJob>> DrainJobsAsync()
    {
        var queue = _services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.NotificationsQueue);
        var mine = new List<DeliveryJob>();
        for (var round = 0; round < 20; round++)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;
            if (batch.Length == 0)
            {
                break;
            }
            foreach (var message in batch)
            {
                if (NotificationMessages.Read(message.Body.ToString()) is DeliveryJob job && job.AccountId == AccountId)
                {
                    mine.Add(job);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }
        return mine;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}

/// <summary>A channel whose provider answers from a script; records what it was asked to send.</summary>
public sealed class ScriptedChannel(NotificationChannel channel) : IChannelSender
{
    private readonly ConcurrentQueue<SendResult> _script = new();

    public NotificationChannel Channel => channel;

    public bool IsConfigured => true;

    public ConcurrentQueue<OutgoingPage> Sent { get; } = new();

    public ScriptedChannel Then(params SendResult[] results)
    {
        foreach (var result in results)
        {
            _script.Enqueue(result);
        }
        return this;
    }

    public Task<SendResult> SendAsync(OutgoingPage page, CancellationToken cancellationToken)
    {
        Sent.Enqueue(page);
        return Task.FromResult(_script.TryDequeue(out var result) ? result : SendResult.Accepted("SM" + Sent.Count));
    }
}
