using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Core;
using Microsoft.Extensions.Logging;

namespace Klaxon.Bench;

/// <summary>
/// Records when each event is applied, keyed by its request id: the moment Azurite answers the applier's commit
/// (the <c>$batch</c> transaction that inserts the event's applied-marker, the dedup-key state and the new incident)
/// with every operation succeeded. The request id comes from the applier's logging scope (<c>request_id</c>), which
/// this class can read because it is registered as a scope-aware logger provider. As a logger it only keeps warnings
/// and errors (failed messages), so information logging costs a level check.
/// </summary>
public sealed class AppliedTracker : ILoggerProvider, ISupportExternalScope
{
    private const string RequestIdScope = "request_id";
    private readonly ConcurrentDictionary<string, long> _applied = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _problems = new(StringComparer.Ordinal);
    private long _problemCount;
    private IExternalScopeProvider? _scopes;

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Warnings and errors DevHost logged (failed or poisoned messages, polling failures), for the report.</summary>
    public IReadOnlyCollection<string> Problems => _problems.Keys.ToList();

    public long ProblemCount => Interlocked.Read(ref _problemCount);

    public ILogger CreateLogger(string categoryName) => new ProblemLogger(this, categoryName);

    public void Dispose()
    {
    }

    public bool TryGetApplied(string requestId, out long timestamp) => _applied.TryGetValue(requestId, out timestamp);

    /// <summary>Hook for <see cref="RequestCounter.OnResponse"/>: a successful commit batch outside a notification dispatch.</summary>
    public void Observe(string key, HttpMessage message)
    {
        if (key != "POST $batch" || !message.HasResponse || message.Response.Status != 202 || BatchFailed(message.Response))
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        if (CurrentRequestId() is { } requestId)
        {
            _applied.TryAdd(requestId, now);
        }
    }

    /// <summary>Waits until every id is applied; false on timeout.</summary>
    public async Task<bool> WaitForAsync(IReadOnlyCollection<string> requestIds, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            // Cheap check first; the timestamps come from the commit, not from this poll.
            if (_applied.Count >= requestIds.Count && requestIds.All(_applied.ContainsKey))
            {
                return true;
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    private string? CurrentRequestId()
    {
        string? found = null;
        _scopes?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (name, value) in values)
                {
                    if (name == RequestIdScope && value is not null)
                    {
                        found = value.ToString();
                    }
                }
            }
        }, (object?)null);
        return found;
    }

    private void RecordProblem(string category, string message, Exception? exception)
    {
        Interlocked.Increment(ref _problemCount);
        if (_problems.Count < 20)
        {
            var detail = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message.Split('\n')[0]})";
            _problems.TryAdd($"{category}: {message}{detail}", 0);
        }
    }

    /// <summary>
    /// Only Klaxon's and DevHost's warnings and errors are enabled. Everything else stays disabled, as with no logger at
    /// all: ASP.NET Core and Kestrel open per-request and per-connection log scopes whenever their loggers are enabled,
    /// work the bare endpoint (no loggers) does not do either.
    /// </summary>
    private sealed class ProblemLogger(AppliedTracker tracker, string category) : ILogger
    {
        private readonly bool _klaxon = category.StartsWith("Klaxon.", StringComparison.Ordinal);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => _klaxon && logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                tracker.RecordProblem(category, formatter(state, exception), exception);
            }
        }
    }

    /// <summary>A batch answers 202 even when an operation failed; the failing operation's status is in the multipart body.</summary>
    private static bool BatchFailed(Response response)
    {
        if (response.ContentStream is not MemoryStream)
        {
            return false;
        }
        var body = response.Content.ToMemory().Span;
        return body.IndexOf("HTTP/1.1 4"u8) >= 0 || body.IndexOf("HTTP/1.1 5"u8) >= 0;
    }
}
