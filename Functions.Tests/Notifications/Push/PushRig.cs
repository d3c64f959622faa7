using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Hosting;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Push;
using Klaxon.Notifications;
using Klaxon.Tests.Rig;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Notifications.Push;

/// <summary>
/// The push channel as the app registers it (<see cref="PushServiceCollectionExtensions.AddPushChannel"/>, so the real
/// resilient HttpClient), on Azurite, with fresh VAPID keys and a stopped clock for action links (so a payload can be
/// rebuilt byte for byte). Retries wait 10 ms.
/// </summary>
public sealed class PushRig : IAsyncDisposable
{
    public const string Subject = "mailto:ops@example.test";
    public const string PublicBaseUrl = "https://klaxon.example.test";

    private readonly ServiceProvider _services;

    /// <param name="configure">Changes the settings before the services are built (e.g. to break them).</param>
    public PushRig(AzuriteFixture azurite, VapidKeys? keys = null, bool actionLinks = true, Action<Dictionary<string, string?>>? configure = null)
    {
        Vapid = keys ?? VapidKeys.Generate();
        var settings = new Dictionary<string, string?>
        {
            ["Klaxon:PublicBaseUrl"] = PublicBaseUrl,
            ["Notifications:WebPush:VapidPublicKey"] = Vapid.PublicKey,
            ["Notifications:WebPush:VapidPrivateKey"] = Vapid.PrivateKey,
            ["Notifications:WebPush:Subject"] = Subject,
            ["Notifications:WebPush:AllowLoopback"] = "true",
            ["Notifications:Delivery:RetryBaseDelay"] = "00:00:00.010",
        };
        if (actionLinks)
        {
            settings["Notifications:EmailLinks:SigningKey"] = "test-signing-key-test-signing-key-0123456789";
        }
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        // The real clock for everything else: the resilience pipeline takes its delays and timeouts from the container's
        // TimeProvider, and a fake one that nobody advances would stall every retry.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(azurite.Tables);
        services.AddOptions<KlaxonOptions>().Bind(configuration.GetSection(KlaxonOptions.Section));
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section));
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<ActionLinks>(provider, (TimeProvider)Clock));
        services.AddPushChannel();
        _services = services.BuildServiceProvider();
        AccountId = "acct" + Guid.NewGuid().ToString("N")[..12];
    }

    public VapidKeys Vapid { get; }

    /// <summary>Action links' clock, stopped at the real time the rig was made.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>A fresh account id per rig, so tests sharing one Azurite never see each other's subscriptions.</summary>
    public string AccountId { get; }

    public WebPushSender Sender => _services.GetServices<IChannelSender>().OfType<WebPushSender>().Single();

    public PushSubscriptionStore Store => _services.GetRequiredService<PushSubscriptionStore>();

    public ActionLinks Links => _services.GetRequiredService<ActionLinks>();

    public Task<LocalPushService> StartPushServiceAsync() => LocalPushService.StartAsync(Vapid.PublicKey, Subject);

    /// <summary>Registers the browser subscription for <c>alice</c>, as the API would.</summary>
    public Task<StoredPushSubscription> SubscribeAsync(PushSubscriptionEndpoint browser, string userId = "alice") =>
        Store.AddAsync(AccountId, userId, new PushSubscriptionKeys(browser.Endpoint, browser.P256dh, browser.Auth), CancellationToken.None);

    public OutgoingPage Page(long number = 42, string title = "Database down", string urgency = "high", string userId = "alice") =>
        new(Guid.NewGuid().ToString(), AccountId, userId, "Alice", NotificationChannel.Push, "",
            [new PagedIncident(AccountId, number, title, WireNames.Parse<Urgency>(urgency))]);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
