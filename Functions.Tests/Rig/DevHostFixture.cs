using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Klaxon.DevHost;
using Klaxon.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Rig;

/// <summary>
/// A DevHost on a free loopback port with its own Azurite, driving the real function classes. Retry delays are
/// shortened so poison handling is quick; everything else is host.json's.
/// </summary>
public sealed class DevHostFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";

    /// <summary>The operator key: creates accounts and their API keys.</summary>
    public const string OperatorKey = "test-operator-key-0123456789abcdefghijklmnop";

    /// <summary>An admin API key per account created through <see cref="Admin"/>, which sends it for that account's routes.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _accountKeys = new(StringComparer.Ordinal);

    public DevHostApp Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public StorageFaults Faults { get; } = new();

    /// <summary>Everything DevHost logged (with its own filters), for tests that check what reaches logs.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Prism mocks of Twilio and SendGrid and test credentials for every channel; DevHost is configured with them.</summary>
    public ProviderMocks Providers { get; private set; } = null!;

    /// <summary>Records the timer's ticks (the schedule is every second here).</summary>
    public RecordingSweeper Sweeps { get; } = new();

    public QueueServiceClient Queues => Host.Services.GetRequiredService<QueueServiceClient>();

    public TableServiceClient Tables => Host.Services.GetRequiredService<TableServiceClient>();

    public async Task InitializeAsync()
    {
        Providers = await ProviderMocks.StartAsync();
        var options = new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false };
        foreach (var (key, value) in Providers.Settings)
        {
            options.Settings[key] = value;
        }
        // Provider retries in milliseconds rather than seconds, so fault tests stay fast.
        options.Settings["Notifications:Delivery:RetryBaseDelay"] = "00:00:00.010";
        options.Settings["Notifications:Delivery:RequeueBaseDelay"] = "00:00:00.200";
        // Tests share phone numbers across one DevHost; throttling has its own tests.
        options.Settings["Notifications:Delivery:SmsPerWindow"] = "1000";
        options.Settings["Notifications:Delivery:CallsPerWindow"] = "1000";
        options.Settings["DevHost:AdminKey"] = AdminKey;
        options.Settings["Klaxon:Access:OperatorKey"] = OperatorKey;
        options.Settings["EscalationSchedule"] = "*/1 * * * * *";
        options.ConfigureHost = host => host with
        {
            VisibilityTimeout = TimeSpan.FromMilliseconds(100),
            MaxPollingInterval = TimeSpan.FromMilliseconds(250),
        };
        options.ConfigureServices = services =>
        {
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            services.AddSingleton(provider =>
            {
                var tableOptions = new TableClientOptions();
                tableOptions.AddPolicy(Faults, Azure.Core.HttpPipelinePosition.PerCall);
                tableOptions.AddPolicy(new AzureTableLimits(), Azure.Core.HttpPipelinePosition.PerCall);
                return StorageClientFactory.CreateTableServiceClient(provider.GetRequiredService<IConfiguration>(), tableOptions);
            });
            services.AddSingleton<Klaxon.Escalation.IEscalationSweeper>(provider =>
                Sweeps.Around(ActivatorUtilities.CreateInstance<Klaxon.Escalation.DueSweeper>(provider)));
        };
        Host = await DevHostApp.StartAsync(options);
        Http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Providers.DisposeAsync();
    }

    /// <summary>
    /// Stores an account with one integration of <paramref name="type"/> and one user; returns its webhook path. With
    /// <paramref name="generateToken"/>, the document has no token and the one Klaxon generated is used.
    /// </summary>
    public async Task<TestAccount> CreateAccountAsync(bool enabled = true, string type = "webhook", bool generateToken = false)
    {
        var id = "acct" + Guid.NewGuid().ToString("N")[..12];
        var integration = Guid.NewGuid().ToString();
        var token = Guid.NewGuid().ToString("N");
        var document = new JsonObject
        {
            ["id"] = id,
            ["name"] = "Test " + id,
            ["users"] = new JsonArray(new JsonObject { ["id"] = "alice", ["name"] = "Alice", ["email"] = "alice@example.com" }),
            ["teams"] = new JsonArray(new JsonObject
            {
                ["id"] = "ops",
                ["name"] = "Operations",
                ["escalationPolicy"] = new JsonObject
                {
                    ["layers"] = new JsonArray(new JsonObject
                    {
                        ["targets"] = new JsonArray(new JsonObject { ["user"] = "alice" }),
                        ["escalateAfter"] = "PT5M",
                    }),
                },
            }),
            ["integrations"] = new JsonArray(new JsonObject
            {
                ["id"] = integration,
                ["token"] = generateToken ? null : token,
                ["type"] = type,
                ["interval"] = type == "heartbeat" ? "PT1H" : null,
                ["name"] = "Monitor",
                ["urgency"] = "medium",
                ["team"] = "ops",
                ["enabled"] = enabled,
            }),
        };
        if (generateToken)
        {
            document["integrations"]![0]!.AsObject().Remove("token");
        }
        if (type != "heartbeat")
        {
            document["integrations"]![0]!.AsObject().Remove("interval");
        }
        using var response = await Admin(HttpMethod.Put, $"api/accounts/{id}/config", document.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        if (generateToken)
        {
            var saved = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            token = (string)saved["generatedTokens"]![0]!["token"]!;
        }
        return new TestAccount(id, integration, token);
    }

    /// <summary>
    /// Adds the credential an account's administrator sends to <paramref name="request"/>: the account's admin API key
    /// for <c>api/accounts/{id}/…</c> routes once it has one (see <see cref="Admin"/>), else the operator key (which
    /// creates accounts).
    /// </summary>
    public void Authorize(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : request.RequestUri?.OriginalString ?? "";
        var key = AccountOf(path) is { } account && (_accountKeys.TryGetValue(account, out var known) || Host.ApiKeys.TryGetValue(account, out known))
            ? known
            : OperatorKey;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public HttpRequestMessage AdminRequest(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        Authorize(request);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return request;
    }

    /// <summary>
    /// Sends <see cref="AdminRequest"/>. An account created this way (a PUT of its config with the operator key) is
    /// given an admin API key at once, which later calls for that account use.
    /// </summary>
    public async Task<HttpResponseMessage> Admin(HttpMethod method, string path, string? json = null)
    {
        using var request = AdminRequest(method, path, json);
        var response = await Http.SendAsync(request);
        if (method == HttpMethod.Put && response.IsSuccessStatusCode && AccountOf(path) is { } created && !_accountKeys.ContainsKey(created)
            && path.TrimStart('/').EndsWith("/config", StringComparison.Ordinal))
        {
            _accountKeys[created] = await IssueKeyAsync(created, "admin");
        }
        return response;
    }

    /// <summary>Issues an API key of <paramref name="role"/> for <paramref name="accountId"/> with the operator key.</summary>
    public async Task<string> IssueKeyAsync(string accountId, string role, string name = "test")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/accounts/{accountId}/keys")
        {
            Content = new StringContent(new JsonObject { ["name"] = name, ["role"] = role }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        using var response = await Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!;
    }

    /// <summary>The admin API key the fixture holds for <paramref name="accountId"/>.</summary>
    public string AdminKeyOf(string accountId) =>
        _accountKeys.TryGetValue(accountId, out var key) || Host.ApiKeys.TryGetValue(accountId, out key) ? key : throw new InvalidOperationException($"No key for {accountId}.");

    private static string? AccountOf(string path)
    {
        var parts = path.TrimStart('/').Split('/', 4);
        return parts.Length >= 3 && parts[0] == "api" && parts[1] == "accounts" ? Uri.UnescapeDataString(parts[2]) : null;
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(string path, string body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await Http.PostAsync(path, content);
    }

    /// <summary>
    /// Waits until no event is waiting in <c>klaxon-events</c> (or fails after <paramref name="max"/>). For tests that
    /// put hundreds of events through the shared DevHost: since an opened incident sends its first pages from the
    /// invocation that applies it, their backlog would otherwise hold up the next test's events.
    /// </summary>
    public async Task WaitForEventsToDrainAsync(TimeSpan max)
    {
        var queue = Queues.GetQueueClient(Klaxon.Storage.StorageNames.EventsQueue);
        var deadline = DateTime.UtcNow + max;
        var waiting = 0;
        while (DateTime.UtcNow < deadline)
        {
            waiting = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (waiting == 0)
            {
                return;
            }
            await Task.Delay(250);
        }
        Assert.Fail($"{waiting} events still waiting in {Klaxon.Storage.StorageNames.EventsQueue} after {max.TotalSeconds:F0} s.");
    }

    /// <summary>Polls the management API until <paramref name="until"/> holds for the incident, or fails after 20 s.</summary>
    public async Task<JsonObject> WaitForIncidentAsync(string accountId, long number, Func<JsonObject, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Admin(HttpMethod.Get, $"api/accounts/{accountId}/incidents/{number}");
            if (response.IsSuccessStatusCode)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                if (until(last))
                {
                    return last;
                }
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Incident #{number} of {accountId} did not reach the expected state; last seen: {last?.ToJsonString() ?? "(none)"}");
        return null!;
    }

    public async Task<JsonArray> ListIncidentsAsync(string accountId, string query = "")
    {
        using var response = await Admin(HttpMethod.Get, $"api/accounts/{accountId}/incidents{query}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
    }
}

public sealed record TestAccount(string Id, string IntegrationId, string Token)
{
    public string WebhookPath => $"integration/{Id}/{IntegrationId}/{Token}";
}

[CollectionDefinition(Name)]
public sealed class DevHostCollection : ICollectionFixture<DevHostFixture>
{
    public const string Name = "DevHost";
}

/// <summary>Wraps the real sweeper to observe the timer trigger's ticks.</summary>
public sealed class RecordingSweeper : Klaxon.Escalation.IEscalationSweeper
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset At, bool IsPastDue)> _ticks = new();
    private Klaxon.Escalation.IEscalationSweeper? _inner;

    public IReadOnlyCollection<(DateTimeOffset At, bool IsPastDue)> Ticks => _ticks;

    public RecordingSweeper Around(Klaxon.Escalation.IEscalationSweeper inner)
    {
        _inner = inner;
        return this;
    }

    public Task SweepAsync(bool isPastDue, CancellationToken cancellationToken)
    {
        _ticks.Enqueue((DateTimeOffset.UtcNow, isPastDue));
        return _inner?.SweepAsync(isPastDue, cancellationToken) ?? Task.CompletedTask;
    }
}
