using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Klaxon.Accounts;
using Klaxon.Bench.Latency;
using Klaxon.DevHost;
using Klaxon.Incidents;
using Klaxon.Storage;

namespace Klaxon.Bench.Crash;

/// <summary>
/// <c>bench -- crash</c>: DevHost as a child process on a persistent Azurite, paging by SMS to a loopback Twilio
/// stand-in, under steady webhook load; mid-load it is killed (SIGKILL) and started again on the same storage. Every
/// event that got a <c>202</c> must end as exactly one incident and one SMS. The events the dead process held are
/// timed from the kill and from the restart to their page: with the host's lease that is the 10 minutes.
/// </summary>
public static class CrashBenchmark
{
    private const string AccountId = "crash";
    private const string IntegrationId = "5b0d6c1e-2f3a-4b5c-8d9e-0a1b2c3d4e5f";
    private const string IntegrationToken = "crash-bench-token-7f2e9c";

    /// <summary>One person paged by SMS at once for every incident (the latency bench's account, under its own id).</summary>
    private static readonly string Account = $$"""
        { "id": "{{AccountId}}", "name": "Crash bench",
          "users": [{ "id": "pat", "name": "Pat", "phone": "+15551230009",
                      "notificationRules": { "high": [{ "channel": "sms", "after": "PT0S" }] } }],
          "teams": [{ "id": "ops", "name": "Ops",
                      "escalationPolicy": { "layers": [{ "targets": [{ "user": "pat" }], "escalateAfter": "PT30M" }] } }],
          "integrations": [{ "id": "{{IntegrationId}}", "token": "{{IntegrationToken}}",
                             "name": "Webhook", "type": "webhook", "urgency": "high", "team": "ops", "enabled": true }] }
        """;

    /// <summary>How long DevHost may take to start (a cold `dotnet` start on a busy machine).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>After the lease, how long the last held events may take before they count as lost.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public static async Task<CrashReport> RunAsync(CrashOptions options, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        void Progress(string step) => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0} s] {step}  (load {LatencyBenchmark.LoadAverage()})"));
        var runId = Guid.NewGuid().ToString("N")[..8];
        var folder = Directory.CreateTempSubdirectory("klaxon-crash-").FullName;
        var loadBefore = LatencyBenchmark.LoadAverage();
        Progress($"Klaxon crash benchmark: persistent Azurite in {folder}, provider stub, DevHost as a child process (lease {Describe(options.EffectiveLease)})...");
        try
        {
            await using var azurite = await Azurite.StartPersistentAsync(Path.Combine(folder, "azurite")).ConfigureAwait(false);
            await using var stub = await ProviderStub.StartAsync().ConfigureAwait(false);
            var accountFile = Path.Combine(folder, "crash-account.json");
            await File.WriteAllTextAsync(accountFile, Account).ConfigureAwait(false);
            var baseUrl = DevHostProcess.FreeLoopbackUrl();
            string[] arguments = ["--config", accountFile, "--urls", baseUrl];
            var environment = Settings(azurite.ConnectionString, stub.BaseUrl, options.Lease);
            var webhook = new Uri(new Uri(baseUrl + "/"), IntegrationPaths.For(AccountId, IntegrationId, IntegrationType.Webhook, IntegrationToken).TrimStart('/'));

            var devHost = await DevHostProcess.StartAsync(arguments, environment, StartTimeout).ConfigureAwait(false);
            try
            {
                using var http = LoadDriver.CreateHttpClient(256);
                http.Timeout = TimeSpan.FromSeconds(30);
                Progress("Warming up (20 events, then waiting for their pages)...");
                var warm = new Sender(http, webhook, $"crash-{runId}-w-warm");
                await warm.SteadyAsync(10, TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
                await WaitForPagesAsync(stub, warm.Accepted.Keys, TimeSpan.FromMinutes(2), _ => { }).ConfigureAwait(false);

                Progress($"Steady {options.Rate} events/s for {options.Duration.TotalSeconds:0} s; DevHost is killed after {options.KillAfter.TotalSeconds:0} s...");
                var sender = new Sender(http, webhook, $"crash-{runId}-x-load");
                var loadStart = Stopwatch.GetTimestamp();
                var load = sender.SteadyAsync(options.Rate, options.Duration, CancellationToken.None);
                await Task.Delay(options.KillAfter).ConfigureAwait(false);

                var killedAt = Stopwatch.GetTimestamp();
                await devHost.KillAsync().ConfigureAwait(false);
                var pagedAtKill = stub.SmsByToken().Keys.ToHashSet(StringComparer.Ordinal);
                var depth = await QueueDepthsAsync(azurite.ConnectionString).ConfigureAwait(false);
                Progress($"Killed DevHost (SIGKILL). Queues at the kill, visible and hidden: {string.Join(", ", depth.Select(d => $"{d.Key} {d.Value}"))}.");
                await devHost.DisposeAsync().ConfigureAwait(false);

                await Task.Delay(options.Down).ConfigureAwait(false);
                var restartAt = Stopwatch.GetTimestamp();
                devHost = await DevHostProcess.StartAsync(arguments, environment, StartTimeout).ConfigureAwait(false);
                var readyAt = Stopwatch.GetTimestamp();
                Progress($"DevHost started again on the same Azurite ({Stats.Milliseconds(restartAt, readyAt) / 1000:0.0} s to ready).");

                await load.ConfigureAwait(false);
                var loadEnd = Stopwatch.GetTimestamp();
                var accepted = sender.Accepted;
                Progress($"Load done: {sender.Sent} sent, {accepted.Count} accepted (202). Waiting for every accepted event's page (up to the lease + {Grace.TotalMinutes:0} min)...");
                var deadline = options.EffectiveLease + Grace;
                var allPaged = await WaitForPagesAsync(stub, accepted.Keys, deadline, Progress).ConfigureAwait(false);
                // Anything paged a second time would come from a message settling late: give it a moment to show.
                await Task.Delay(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
                var incidents = await IncidentsByAlertIdAsync(azurite.ConnectionString).ConfigureAwait(false);
                Progress(allPaged ? "Every accepted event paged." : "WARNING: some accepted events never paged.");

                return CrashReport.From(options, sender, stub, incidents, pagedAtKill, depth,
                    new CrashTimes(loadStart, killedAt, restartAt, readyAt, loadEnd), loadBefore, LatencyBenchmark.LoadAverage());
            }
            finally
            {
                await devHost.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Azurite may still be flushing; the folder is under the temp directory.
            }
        }
    }

    private static Dictionary<string, string> Settings(string storage, string twilioBaseUrl, TimeSpan? lease)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StorageClientFactory.SettingName] = storage,
            // The same keys at both starts, so the restarted DevHost is the same deployment.
            ["Klaxon__Access__OperatorKey"] = "crash-bench-operator-key-0123456789abcdef",
            // The sweep would hand on later steps; escalation has its own benchmark.
            ["EscalationSchedule"] = "0 0 0 1 1 *",
            // Every event pages the same person: throttling would hold most pages for a summary.
            ["Notifications__Delivery__SmsPerWindow"] = "1000000",
            ["Notifications__Delivery__CallsPerWindow"] = "1000000",
            ["Notifications__Twilio__AccountSid"] = ProviderMocks.TwilioAccountSid,
            ["Notifications__Twilio__AuthToken"] = "crash-bench-twilio-auth-token-0123",
            ["Notifications__Twilio__FromNumber"] = ProviderMocks.TwilioFromNumber,
            ["Notifications__Twilio__ApiBaseUrl"] = twilioBaseUrl,
            // DevHost's per-change log lines would cost the child CPU the benchmark wants for the load.
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (lease is { } value)
        {
            environment["DevHost__QueueLease"] = value.ToString("c", CultureInfo.InvariantCulture);
        }
        return environment;
    }

    private static async Task<bool> WaitForPagesAsync(ProviderStub stub, IEnumerable<string> tokens, TimeSpan timeout, Action<string> progress)
    {
        var waiting = tokens.ToList();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var nextReport = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (true)
        {
            waiting.RemoveAll(token => stub.SmsFor(token) > 0);
            if (waiting.Count == 0)
            {
                return true;
            }
            var now = Stopwatch.GetTimestamp();
            if (now > deadline)
            {
                return false;
            }
            if (now > nextReport)
            {
                progress($"{waiting.Count} accepted event(s) not paged yet...");
                nextReport = now + 30 * Stopwatch.Frequency;
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Messages in each queue, visible and hidden: what the killed process left behind.</summary>
    private static async Task<Dictionary<string, int>> QueueDepthsAsync(string storage)
    {
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in new[] { StorageNames.EventsQueue, StorageNames.NotificationsQueue })
        {
            depths[name] = (await new QueueClient(storage, name).GetPropertiesAsync().ConfigureAwait(false)).Value.ApproximateMessagesCount;
        }
        return depths;
    }

    /// <summary>Incidents per alert id (the incident rows' dedup key), read from the table.</summary>
    private static async Task<Dictionary<string, int>> IncidentsByAlertIdAsync(string storage)
    {
        var table = new TableClient(storage, StorageNames.IncidentsTable);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AccountId} and RowKey ge {IncidentRows.IncidentRangeStart} and RowKey lt {IncidentRows.IncidentRangeEnd}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["DedupKey"]).ConfigureAwait(false))
        {
            var key = row.GetString("DedupKey") ?? "";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    internal static string Describe(TimeSpan lease) =>
        lease >= TimeSpan.FromMinutes(1) ? $"{lease.TotalMinutes:0.#} min" : $"{lease.TotalSeconds:0} s";

    /// <summary>Stopwatch timestamps of the run's moments.</summary>
    internal sealed record CrashTimes(long LoadStart, long Killed, long RestartBegun, long Ready, long LoadEnd);

    /// <summary>Open-loop webhook load with distinct alert ids; keeps every 202 with its timestamp.</summary>
    internal sealed class Sender(HttpClient http, Uri webhook, string prefix)
    {
        private int _sent;

        public ConcurrentDictionary<string, long> Accepted { get; } = new(StringComparer.Ordinal);

        public int Sent => Volatile.Read(ref _sent);

        /// <summary>Every token of this load starts with it and a dash.</summary>
        public string Prefix => prefix;

        public async Task SteadyAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
        {
            var count = Math.Max(1, (int)(rate * duration.TotalSeconds));
            var start = Stopwatch.GetTimestamp();
            var sends = new List<Task>(count);
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
                var wait = Stats.Milliseconds(Stopwatch.GetTimestamp(), due);
                if (wait > 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
                }
                sends.Add(PostAsync($"{prefix}-{i}", cancellationToken));
            }
            await Task.WhenAll(sends).ConfigureAwait(false);
        }

        private async Task PostAsync(string token, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Interlocked.Increment(ref _sent);
            var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["event_type"] = "create", ["Id"] = token, ["Title"] = token });
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(webhook, content, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    Accepted[token] = Stopwatch.GetTimestamp();
                }
            }
            catch (HttpRequestException)
            {
                // DevHost is down (refused) or died mid-request: no 202, so not counted as accepted.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Timed out: no 202 either.
            }
        }
    }
}
