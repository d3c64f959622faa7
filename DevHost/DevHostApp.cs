using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Klaxon.Accounts;
using Klaxon.Escalation;
using Klaxon.Hosting;
using Klaxon.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Trace;

namespace Klaxon.DevHost;

/// <summary>
/// Runs the Klaxon function classes without the Functions host: HTTP triggers on Kestrel, queue and timer triggers
/// driven with the host's semantics from host.json, against Azurite (started here unless <c>AzureWebJobsStorage</c>
/// names a storage account).
/// </summary>
public sealed class DevHostApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Azurite? _azurite;

    /// <summary>The operator key setting (<c>Klaxon__Access__OperatorKey</c>); DevHost generates one when it is unset.</summary>
    public const string OperatorKeySetting = "Klaxon:Access:OperatorKey";

    private DevHostApp(WebApplication app, Azurite? azurite, ProviderMocks? mocks, string adminKey, Uri baseAddress, IReadOnlyList<IntegrationUrl> urls, IReadOnlyDictionary<string, string> apiKeys)
    {
        _app = app;
        _azurite = azurite;
        ProviderMocks = mocks;
        AdminKey = adminKey;
        ApiKeys = apiKeys;
        BaseAddress = baseAddress;
        IntegrationUrls = urls;
    }

    /// <summary>
    /// The host's key for function-level routes (<c>x-functions-key</c>), kept for the host's semantics; Klaxon's own
    /// routes are anonymous at the host and check <see cref="OperatorKey"/> and <see cref="ApiKeys"/> themselves.
    /// </summary>
    public string AdminKey { get; }

    /// <summary>The operator key in effect: <c>Klaxon:Access:OperatorKey</c>, or the one DevHost generated.</summary>
    public string OperatorKey => _app.Configuration[OperatorKeySetting]!;

    /// <summary>An admin API key (named <c>DevHost</c>) for each account DevHost loaded, by account id; issued anew at every start.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; }

    public Uri BaseAddress { get; }

    /// <summary>The Prism mocks DevHost started (<see cref="ProviderMode.Prism"/>), else null.</summary>
    public ProviderMocks? ProviderMocks { get; }

    /// <summary>The notification settings in effect, for the banner.</summary>
    public IConfiguration Configuration => _app.Configuration;

    /// <summary>Webhook URLs of the loaded accounts' integrations whose tokens are known (given in the file or generated).</summary>
    public IReadOnlyList<IntegrationUrl> IntegrationUrls { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>True when DevHost started its own in-memory Azurite (no <c>AzureWebJobsStorage</c> was set).</summary>
    public bool StartedAzurite => _azurite is not null;

    /// <summary>The storage connection string in use (Azurite's when DevHost started it).</summary>
    public string StorageConnectionString => _app.Configuration[StorageClientFactory.SettingName] ?? "";

    public static async Task<DevHostApp> StartAsync(DevHostOptions options, string[]? args = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        ProviderMocks? mocks = null;
        if (options.Providers == ProviderMode.Prism)
        {
            mocks = await ProviderMocks.StartAsync(cancellationToken).ConfigureAwait(false);
            var settings = new Dictionary<string, string?>(mocks.Settings);
            settings.Remove("Klaxon:PublicBaseUrl"); // links and callbacks point at DevHost itself (see LocalProviders)
            builder.Configuration.AddInMemoryCollection(settings);
        }
        if (options.LocalSignIn)
        {
            builder.Configuration.AddInMemoryCollection(LocalSignIn.Settings());
        }
        builder.Configuration.AddInMemoryCollection(options.Settings);
        if (options.LocalDefaults)
        {
            builder.Configuration.AddInMemoryCollection(LocalProviders.Defaults(builder.Configuration, options));
        }
        Azurite? azurite = null;
        if (string.IsNullOrWhiteSpace(builder.Configuration[StorageClientFactory.SettingName])
            && string.IsNullOrWhiteSpace(builder.Configuration[$"{StorageClientFactory.SettingName}:queueServiceUri"]))
        {
            azurite = await Azurite.StartAsync(cancellationToken).ConfigureAwait(false);
            builder.Configuration.AddInMemoryCollection([new(StorageClientFactory.SettingName, azurite.ConnectionString)]);
        }
        try
        {
            return await BuildAndStartAsync(builder, options, azurite, mocks, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (mocks is not null)
            {
                await mocks.DisposeAsync().ConfigureAwait(false);
            }
            if (azurite is not null)
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    private static async Task<DevHostApp> BuildAndStartAsync(WebApplicationBuilder builder, DevHostOptions options, Azurite? azurite, ProviderMocks? mocks, CancellationToken cancellationToken)
    {
        var host = HostJsonSettings.Load(HostJsonPath());
        host = options.ConfigureHost?.Invoke(host) ?? host;
        if (!string.Equals(host.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("host.json extensions.queues.messageEncoding must be base64: Klaxon writes base64 queue messages.");
        }
        var adminKey = builder.Configuration["DevHost:AdminKey"] is { Length: > 0 } configured
            ? configured
            : System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        if (builder.Configuration[OperatorKeySetting] is not { Length: > 0 })
        {
            builder.Configuration[OperatorKeySetting] = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        }
        var schedule = builder.Configuration[EscalationTimerFunction.ScheduleSetting] is { Length: > 0 } setting
            ? setting
            : EscalationTimerFunction.DefaultSchedule;

        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        if (options.ConsoleLog)
        {
            builder.Logging.AddConsole(console => console.FormatterName = KlaxonConsoleFormatter.FormatterName)
                .AddConsoleFormatter<KlaxonConsoleFormatter, ConsoleFormatterOptions>(formatter => formatter.IncludeScopes = true);
            builder.Logging.AddFilter("Azure", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            builder.Logging.AddFilter("Polly", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        }
        builder.Services.AddMvcCore();
        builder.Services.AddKlaxon(builder.Configuration);
        // The host's invocation spans, which Klaxon's own spans link to (InvocationTelemetry).
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(InvocationTelemetry.SourceName));
        options.ConfigureServices?.Invoke(builder.Services);

        var catalog = FunctionCatalog.From(typeof(KlaxonServiceCollectionExtensions).Assembly);
        var lease = QueueLease(builder.Configuration);
        if (options.RunTriggers)
        {
            foreach (var (function, trigger) in catalog.Queues)
            {
                builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<QueueTriggerListener>(
                    services, function, trigger.QueueName, services.GetRequiredService<QueueServiceClient>(), host, lease));
            }
            foreach (var (function, trigger) in catalog.Timers)
            {
                var expression = ResolveSetting(trigger.Schedule, builder.Configuration, EscalationTimerFunction.ScheduleSetting, schedule);
                TimerTriggerListener.Parse(expression); // fail at start on a bad schedule, as the host does
                builder.Services.AddSingleton<IHostedService>(services => ActivatorUtilities.CreateInstance<TimerTriggerListener>(services, function, expression));
            }
        }

        var app = builder.Build();
        if (options.LocalSignIn)
        {
            LocalSignIn.Use(app);
        }
        HttpFunctionRoutes.Map(app, catalog, host, adminKey);
        LocalProviders.MapSimulatedSms(app, request => HttpFunctionRoutes.HasBearer(request, Encoding.UTF8.GetBytes(app.Configuration[OperatorKeySetting]!)));
        // Tables and queues must exist before the demo account is stored and the listeners poll.
        await app.Services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var (urls, apiKeys) = await LoadAccountsAsync(app.Services, options, cancellationToken).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        var integrationUrls = urls.Select(u => u with { Url = new Uri(baseAddress, u.Url.OriginalString.TrimStart('/')) }).ToList();
        return new DevHostApp(app, azurite, mocks, adminKey, baseAddress, integrationUrls, apiKeys);
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync().ConfigureAwait(false);
            }
            if (ProviderMocks is not null)
            {
                await ProviderMocks.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Validates and stores each account document (any invalid document stops start-up with its errors) and issues each
    /// account an admin API key named <c>DevHost</c>, revoking the one from an earlier start on persistent storage.
    /// </summary>
    private static async Task<(List<IntegrationUrl> Urls, Dictionary<string, string> ApiKeys)> LoadAccountsAsync(IServiceProvider services, DevHostOptions options, CancellationToken cancellationToken)
    {
        var files = options.ConfigPaths.Count == 0
            ? [Path.Combine(AppContext.BaseDirectory, "demo-account.json")]
            : options.ConfigPaths.SelectMany(path => Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order() : (IEnumerable<string>)[path]).ToList();
        var store = services.GetRequiredService<AccountStore>();
        var credentials = services.GetRequiredService<CredentialStore>();
        var urls = new List<IntegrationUrl>();
        var apiKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            var parsed = AccountConfigParser.Parse(json, AccountIdOf(json) ?? "");
            if (!parsed.IsValid)
            {
                var errors = string.Join(Environment.NewLine, parsed.Errors.Select(e => $"  {e.Field}: {e.Message}"));
                throw new InvalidOperationException($"{file} is not a valid account document:{Environment.NewLine}{errors}");
            }
            var generated = await store.SaveAsync(parsed.Config, cancellationToken).ConfigureAwait(false);
            apiKeys[parsed.Config.Id] = await IssueDevHostKeyAsync(credentials, parsed.Config.Id, cancellationToken).ConfigureAwait(false);
            foreach (var integration in parsed.Config.Integrations)
            {
                var token = integration.Token ?? generated.FirstOrDefault(g => g.IntegrationId == integration.Id)?.Token;
                if (token is not null)
                {
                    urls.Add(new IntegrationUrl(parsed.Config.Id, integration.Id, integration.Name,
                        new Uri(IntegrationPaths.For(parsed.Config.Id, integration.Id, integration.Type, token), UriKind.Relative),
                        integration.Type, token));
                }
            }
        }
        return (urls, apiKeys);
    }

    private static async Task<string> IssueDevHostKeyAsync(CredentialStore credentials, string accountId, CancellationToken cancellationToken)
    {
        const string name = "DevHost";
        foreach (var earlier in (await credentials.ListAsync(accountId, CredentialKind.ApiKey, cancellationToken).ConfigureAwait(false)).Where(k => k.Name == name))
        {
            await credentials.RevokeAsync(accountId, CredentialKind.ApiKey, null, earlier.Id, cancellationToken).ConfigureAwait(false);
        }
        var issued = await credentials.CreateAsync(accountId, CredentialKind.ApiKey, new CredentialRequest(name, ApiRole.Admin), null, "devhost", cancellationToken)
            .ConfigureAwait(false);
        return issued?.Secret ?? throw new InvalidOperationException($"Account {accountId} holds {CredentialStore.MaxPerAccount} API keys; DevHost cannot issue its own. Revoke some.");
    }

    private static string? AccountIdOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>DevHost:QueueLease</c> (a TimeSpan, at least 2 s so the halfway renewal is a whole second), else the host's
    /// 10 minutes. A bad value stops start-up.
    /// </summary>
    private static TimeSpan QueueLease(IConfiguration configuration)
    {
        if (configuration[QueueTriggerListener.LeaseSetting] is not { Length: > 0 } text)
        {
            return QueueTriggerListener.DefaultLease;
        }
        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var lease) && lease >= TimeSpan.FromSeconds(2) && lease <= TimeSpan.FromDays(7)
            ? lease
            : throw new InvalidOperationException($"{QueueTriggerListener.LeaseSetting} must be a time span from 00:00:02 to 7.00:00:00 (the queue's limits), not '{text}'.");
    }

    /// <summary>Resolves <c>%Name%</c> the way the host does, with DevHost's default for the escalation schedule.</summary>
    private static string ResolveSetting(string value, IConfiguration configuration, string defaultName, string defaultValue)
    {
        if (value.Length < 3 || value[0] != '%' || value[^1] != '%')
        {
            return value;
        }
        var name = value[1..^1];
        return configuration[name] is { Length: > 0 } resolved ? resolved
            : name == defaultName ? defaultValue
            : throw new InvalidOperationException($"App setting '{name}' is not set.");
    }

    private static string HostJsonPath()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "host.json");
        return File.Exists(beside) ? beside : Path.Combine(Azurite.RepositoryRoot(), "host.json");
    }
}

/// <summary>
/// An integration's URL DevHost can print (relative until the listening address is known): the integration URL, or for
/// heartbeats the check-in URL. <see cref="Token"/> is the routing key of a PagerDuty-type integration.
/// </summary>
public sealed record IntegrationUrl(string AccountId, string IntegrationId, string Name, Uri Url, IntegrationType Type, string Token);
