using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Klaxon.DevHost;
using Klaxon.Storage;

namespace Klaxon.Bench;

/// <summary>
/// Klaxon in DevHost (its HTTP routes, queue listeners with host.json's settings, the bench account) on the baselines'
/// Azurite, with counted storage clients. The listeners' receive requests pass through gates, so the benchmark decides
/// when events are applied and when notification jobs are dispatched.
/// </summary>
internal sealed class KlaxonRig : IAsyncDisposable
{
    private static readonly string DeleteEvent = $"DELETE {StorageNames.EventsQueue}/messages/{{id}}";
    private readonly BenchContext _context;
    private readonly RequestCounter _counter = new();
    private readonly AppliedTracker _tracker = new();
    private readonly TaggingDispatcher.Counter _dispatched = new();
    private readonly QueueGate _eventsGate;
    private readonly QueueGate _notificationsGate;
    private readonly Dictionary<(string Side, string Request), (long Count, long Elapsed)> _roundRequests = [];
    private readonly QueueClient _notificationsQueue;
    private DevHostApp? _devHost;
    private IReadOnlyList<Uri>? _webhooks;
    private long _creates;
    private int _roundCreates;

    private KlaxonRig(BenchContext context)
    {
        _context = context;
        _counter.OnResponse = _tracker.Observe;
        _eventsGate = _counter.Gate(StorageNames.EventsQueue);
        _notificationsGate = _counter.Gate(StorageNames.NotificationsQueue);
        // Uncounted: the benchmark's own look at the notification backlog.
        _notificationsQueue = new QueueClient(context.ConnectionString, StorageNames.NotificationsQueue);
    }

    private DevHostApp DevHost => _devHost ?? throw new InvalidOperationException("Not started.");

    private IReadOnlyList<Uri> Webhooks => _webhooks ?? throw new InvalidOperationException("Not started.");

    public static async Task<KlaxonRig> StartAsync(BenchContext context, bool dispatchInline = true)
    {
        var rig = new KlaxonRig(context);
        var options = new DevHostOptions
        {
            Urls = "http://127.0.0.1:0",
            ConsoleLog = false,
            ConfigureServices = services => Instrumentation.Configure(services, rig._counter, rig._tracker, rig._dispatched),
        };
        options.Settings[StorageClientFactory.SettingName] = context.ConnectionString;
        // Ingest only: the escalation sweep (every 15 s by default) and the escalations it finds due minutes later would
        // land in whatever phase is running. Once a year keeps them out; escalation gets its own benchmark.
        options.Settings[Klaxon.Escalation.EscalationTimerFunction.ScheduleSetting] = "0 0 0 1 1 *";
        // Every incident pages the same user: per-phone throttling would hold pages for a summary 15 minutes later,
        // and that hidden job would keep the notification queue from ever looking idle. Paging has its own tests.
        options.Settings["Notifications:Delivery:SmsPerWindow"] = "1000000";
        options.Settings["Notifications:Delivery:CallsPerWindow"] = "1000000";
        options.Settings["Klaxon:DispatchInline"] = dispatchInline ? "true" : "false";
        // Not the demo account: whoever its rotation has on call this week decides the channel, and with it the work.
        options.ConfigPaths.Add(await BenchAccount.WriteAsync().ConfigureAwait(false));
        rig._devHost = await DevHostApp.StartAsync(options).ConfigureAwait(false);
        rig._webhooks = [.. rig._devHost.IntegrationUrls.Select(integration => integration.Url)];
        if (rig._webhooks.Count == 0)
        {
            throw new InvalidOperationException("DevHost loaded no integration with a known token.");
        }
        return rig;
    }

    /// <summary>Creates applied and notified through the whole pipeline, then both listeners held.</summary>
    public async Task WarmUpAsync(int count)
    {
        var keys = IngestBenchmark.Keys(await IngestBenchmark.SendAsync(_context, Webhooks, "wklx", count, klaxon: true).ConfigureAwait(false));
        _creates += keys.Count;
        await _tracker.WaitForAsync(keys, _context.Timeout).ConfigureAwait(false);
        await NotificationsSettledAsync("warm-up").ConfigureAwait(false);
        await HoldAsync(_eventsGate).ConfigureAwait(false);
        await HoldAsync(_notificationsGate).ConfigureAwait(false);
    }

    /// <summary>Webhooks with the event listener held, so the queue only fills; the events are then discarded unapplied.</summary>
    public async Task<AcceptRun> AcceptAsync(string phase, int count)
    {
        var before = _counter.Snapshot();
        var mark = _context.Monitor.Start();
        var samples = await IngestBenchmark.SendAsync(_context, Webhooks, phase, count, klaxon: true).ConfigureAwait(false);
        var use = mark.Stop();
        var requests = BeforeNotifications(RequestCounter.Difference(_counter.Snapshot(), before));
        await new QueueClient(_context.ConnectionString, StorageNames.EventsQueue).ClearMessagesAsync().ConfigureAwait(false);
        return new AcceptRun(samples, requests, use);
    }

    /// <summary>
    /// Accepts <paramref name="count"/> webhooks with both listeners held (not timed), releases the event listener and
    /// times it until all are applied, then releases the notification listener until the notification side is idle
    /// (not timed). Every storage request of the round counts towards <see cref="Transactions"/>, on the side of the
    /// window it was made in (accept, apply, notifications), except notification-queue and escalation traffic, which is
    /// always on the notification side.
    /// </summary>
    public async Task<ApplyRun> ApplyRoundAsync(string phase, int count)
    {
        var (counts, elapsed) = (_counter.Snapshot(), _counter.ElapsedSnapshot());
        var keys = IngestBenchmark.Keys(await IngestBenchmark.SendAsync(_context, Webhooks, phase, count, klaxon: true).ConfigureAwait(false));
        _creates += keys.Count;
        _roundCreates += count;
        (counts, elapsed) = Attribute("accept", counts, elapsed);

        var deletes = _counter.Count(DeleteEvent);
        var mark = _context.Monitor.Start();
        var start = Stopwatch.GetTimestamp();
        _eventsGate.Open();
        if (!await _tracker.WaitForAsync(keys, _context.Timeout).ConfigureAwait(false))
        {
            _context.Warn($"{phase}: not every event was applied before the timeout.");
        }
        _eventsGate.Close();
        var use = mark.Stop();
        var times = keys.Select(key => _tracker.TryGetApplied(key, out var at) ? at : (long?)null).OfType<long>().ToList();
        await IngestBenchmark.WaitForAsync(() => _counter.Count(DeleteEvent) - deletes >= times.Count, _context.Timeout).ConfigureAwait(false);
        await HoldAsync(_eventsGate).ConfigureAwait(false);
        var requests = BeforeNotifications(RequestCounter.Difference(_counter.Snapshot(), counts));
        (counts, elapsed) = Attribute("apply", counts, elapsed);

        _notificationsGate.Open();
        await NotificationsSettledAsync(phase).ConfigureAwait(false);
        await HoldAsync(_notificationsGate).ConfigureAwait(false);
        Attribute("notifications", counts, elapsed);
        return new ApplyRun(count, times.Count, times.Count == 0 ? 0 : times.Max() - start, requests, use);
    }

    /// <summary>
    /// Webhooks while everything runs, closed loop: at most <c>window</c> events between sent and notified (their
    /// <c>triggered</c> job dispatched), so no stage's backlog grows without bound. Applied is still the commit.
    /// </summary>
    public async Task<EndToEndRun> EndToEndAsync(string phase, int count)
    {
        var before = _counter.Snapshot();
        var deletes = _counter.Count(DeleteEvent);
        var mark = _context.Monitor.Start();
        using var slots = new SemaphoreSlim(_context.Options.Window);
        _dispatched.TriggeredDispatched = _ => slots.Release();
        _eventsGate.Open();
        _notificationsGate.Open();
        LoadDriver.Sample[] samples;
        try
        {
            samples = await IngestBenchmark.SendAsync(_context, Webhooks, phase, count, klaxon: true, slots).ConfigureAwait(false);
        }
        finally
        {
            _dispatched.TriggeredDispatched = null;
        }
        var keys = IngestBenchmark.Keys(samples);
        _creates += keys.Count;
        if (!await _tracker.WaitForAsync(keys, _context.Timeout).ConfigureAwait(false))
        {
            _context.Warn($"{phase}: not every event was applied before the timeout.");
        }
        var use = mark.Stop();
        await IngestBenchmark.WaitForAsync(() => _counter.Count(DeleteEvent) - deletes >= keys.Count, _context.Timeout).ConfigureAwait(false);
        var requests = BeforeNotifications(RequestCounter.Difference(_counter.Snapshot(), before));
        await NotificationsSettledAsync(phase).ConfigureAwait(false);
        var applied = keys.Select(key => (Key: key, Found: _tracker.TryGetApplied(key, out var at), At: at)).Where(k => k.Found).ToDictionary(k => k.Key, k => k.At);
        await HoldAsync(_eventsGate).ConfigureAwait(false);
        await HoldAsync(_notificationsGate).ConfigureAwait(false);
        return new EndToEndRun(samples, applied, requests, use);
    }

    /// <summary>Storage requests per create over the apply rounds, by side and request.</summary>
    public TransactionFigures Transactions(double endToEndBeforeNotifications)
    {
        var creates = Math.Max(1, _roundCreates);
        var lines = _roundRequests.Where(pair => pair.Value.Count != 0)
            .Select(pair => new TransactionLine(pair.Key.Side, pair.Key.Request, pair.Value.Count, pair.Value.Count / (double)creates,
                Stats.Milliseconds(0, pair.Value.Elapsed) / pair.Value.Count))
            .OrderBy(line => Array.IndexOf(Sides, line.Side))
            .ThenByDescending(line => line.Count)
            .ToList();
        double Sum(string side) => lines.Where(l => l.Side == side).Sum(l => l.PerCreate);
        return new TransactionFigures(creates, Sum("accept"), Sum("apply"), Sum("accept") + Sum("apply"), Sum("notifications"),
            endToEndBeforeNotifications, lines);
    }

    /// <summary>Failures DevHost logged, and a check through the management API that every applied create became an incident.</summary>
    public async Task CheckAsync()
    {
        if (_tracker.ProblemCount > 0)
        {
            _context.Warn($"DevHost logged {_tracker.ProblemCount} warnings or errors, e.g.:");
            foreach (var problem in _tracker.Problems)
            {
                _context.Warn("  " + problem);
            }
        }
        var account = DevHost.IntegrationUrls[0].AccountId;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(DevHost.BaseAddress, $"api/accounts/{Uri.EscapeDataString(account)}/incidents?limit=1"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DevHost.ApiKeys[account]);
        using var response = await _context.Http.SendAsync(request).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
        var newest = document.RootElement.TryGetProperty("items", out var items) && items.GetArrayLength() > 0 && items[0].TryGetProperty("number", out var number)
            ? number.GetInt64()
            : 0;
        if (newest != _creates)
        {
            _context.Warn($"The account's newest incident is #{newest} after {_creates} applied creates: numbers are skipped when a commit fails and is retried, repeated if a create applied twice.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _eventsGate.Open();
        _notificationsGate.Open();
        if (_devHost is not null)
        {
            await _devHost.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static readonly string[] Sides = ["accept", "apply", "notifications", "background"];

    /// <summary>
    /// The side a request belongs to whatever window it was made in: <c>notifications</c> for all
    /// <c>klaxon-notifications</c> traffic (the applier's publish included) and whatever a notification dispatch does;
    /// <c>background</c> for the escalation timer's sweeps and the escalation queue's polling. Null otherwise.
    /// </summary>
    public static string? FixedSide(string request) =>
        request.StartsWith(RequestCounter.NotifyPrefix, StringComparison.Ordinal) ? "notifications"
        : request.Contains(" " + StorageNames.EscalationsQueue, StringComparison.Ordinal)
          || request.Contains(" " + StorageNames.DueTable, StringComparison.Ordinal) ? "background"
        : null;

    private static long BeforeNotifications(IReadOnlyDictionary<string, long> counts) =>
        counts.Where(pair => FixedSide(pair.Key) is null).Sum(pair => pair.Value);

    /// <summary>Adds the requests since the snapshots to the round totals under <paramref name="side"/>; returns new snapshots.</summary>
    private (IReadOnlyDictionary<string, long>, IReadOnlyDictionary<string, long>) Attribute(
        string side, IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long> elapsed)
    {
        var (countsNow, elapsedNow) = (_counter.Snapshot(), _counter.ElapsedSnapshot());
        var elapsedMore = RequestCounter.Difference(elapsedNow, elapsed);
        foreach (var (request, count) in RequestCounter.Difference(countsNow, counts))
        {
            var key = (FixedSide(request) ?? side, request);
            var (total, time) = _roundRequests.GetValueOrDefault(key);
            _roundRequests[key] = (total + count, time + elapsedMore.GetValueOrDefault(request));
        }
        return (countsNow, elapsedNow);
    }

    /// <summary>
    /// Waits until the notification side is idle: a <c>triggered</c> job dispatched for every create, no dispatch running
    /// and the notification queue empty (dispatches can queue further jobs, such as pages).
    /// </summary>
    private async Task NotificationsSettledAsync(string phase)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_context.Timeout.TotalSeconds * Stopwatch.Frequency);
        var quiet = 0;
        while (quiet < 2)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                _context.Warn($"{phase}: the notification side was still busy at the timeout ({_dispatched.Triggered} of {_creates} triggered jobs done).");
                return;
            }
            await Task.Delay(10).ConfigureAwait(false);
            var idle = _dispatched.Triggered >= _creates && _dispatched.Running == 0
                && (await _notificationsQueue.GetPropertiesAsync().ConfigureAwait(false)).Value.ApproximateMessagesCount == 0;
            quiet = idle ? quiet + 1 : 0;
        }
    }

    /// <summary>Closes a listener's gate and waits until its next receive is held there, so nothing is in flight.</summary>
    private async Task HoldAsync(QueueGate gate)
    {
        gate.Close();
        // The listener may be sleeping up to maxPollingInterval (2 s) after an empty poll, or still busy with messages.
        if (!await gate.WaitUntilHeldAsync(_context.Timeout).ConfigureAwait(false))
        {
            _context.Warn($"A queue listener did not poll again within {_context.Timeout.TotalSeconds:0} s of finishing a phase (busy or stuck); the next phase may overlap it.");
        }
    }
}
