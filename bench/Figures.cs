namespace Klaxon.Bench;

/// <summary>Everything one <c>ingest</c> run measured; printed by <see cref="Report"/> and written as JSON.</summary>
public sealed record IngestReport(
    RunEnvironment Environment,
    IngestParameters Parameters,
    IReadOnlyList<AcceptFigures> Accept,
    IReadOnlyList<ApplyFigures> Apply,
    IReadOnlyList<EndToEndFigures> EndToEnd,
    TransactionFigures Transactions,
    IReadOnlyList<RatioFigure> Ratios,
    IReadOnlyList<PhaseResources> Resources,
    IReadOnlyList<string> Warnings);

public sealed record RunEnvironment(DateTimeOffset StartedAt, string Runtime, string Os, int Processors, bool ServerGc, string Azurite);

public sealed record IngestParameters(int Count, int Concurrency, int Warmup, int Window, int BatchSize, int NewBatchThreshold, string MaxPollingInterval, string Dispatch);

/// <summary>C senders post or enqueue <c>Count</c> events in chunks; rate = successes / Σ(last finish − first start) per chunk.</summary>
public sealed record AcceptFigures(string Name, int Count, int Errors, double PerSecond, LatencySummary Latency, double TransactionsPerEvent);

/// <summary>
/// Draining already-queued events in rounds of <c>RoundSize</c> (queued with the consumer held, then released);
/// rate = Count / Σ(last applied − release) over the rounds.
/// </summary>
public sealed record ApplyFigures(string Name, int Count, int Rounds, int RoundSize, int Missing, double PerSecond, double TransactionsPerEvent);

/// <summary>
/// Sending while everything runs, closed loop: at most <c>Window</c> events between sent and done (the baseline: applied;
/// Klaxon: its notification job dispatched too). applied/s = applied / (last applied − first send); accept→applied from
/// the sender's 202 to the commit.
/// </summary>
public sealed record EndToEndFigures(
    string Name, int Count, int Window, int Errors, int Missing, double AcceptedPerSecond, LatencySummary AcceptLatency,
    double AppliedPerSecond, LatencySummary AcceptToApplied, double TransactionsPerEvent);

/// <summary>Storage requests per create over Klaxon's apply rounds (accepting, applying and notifying each event), by request.</summary>
public sealed record TransactionFigures(
    int Creates, double AcceptPerCreate, double ApplyPerCreate, double BeforeNotificationsPerCreate, double NotificationsPerCreate,
    double EndToEndBeforeNotificationsPerCreate, IReadOnlyList<TransactionLine> Lines);

/// <param name="MeanMs">Mean time from sending the request to its answer, as the storage client saw it.</param>
public sealed record TransactionLine(string Side, string Request, long Count, double PerCreate, double MeanMs);

/// <summary>A ratio or figure compared with a target (<c>Target</c> null: information only).</summary>
public sealed record RatioFigure(string Name, double Value, string? Comparison, double? Target, bool? Met);
