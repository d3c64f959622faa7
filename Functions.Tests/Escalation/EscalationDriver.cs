using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Escalation;

/// <summary>
/// Drives one incident through <see cref="EscalationEngine"/> on a <see cref="FakeTimeProvider"/>, collecting every
/// page and note, so tests read as "advance the clock, see who was paged".
/// </summary>
internal sealed class EscalationDriver(AccountConfig config)
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(T0);

    /// <summary>The current configuration; replace it to simulate edits while the incident is open.</summary>
    public AccountConfig Config { get; set; } = config;

    /// <summary>Schedule id → users on call; a schedule missing from the map no longer exists.</summary>
    public Dictionary<string, string[]> OnCall { get; } = [];

    public EscalationState State { get; private set; } = null!;

    public List<Page> Pages { get; } = [];

    public List<EscalationNote> Notes { get; } = [];

    public DateTimeOffset Now => Time.GetUtcNow();

    public EscalationOutcome Start(Urgency urgency = Urgency.High) =>
        Apply(EscalationEngine.Start("acct", 42, urgency, Config.FindTeam("ops")!, Config, Lookup, Now));

    public EscalationOutcome AdvanceBy(int minutes)
    {
        Time.Advance(TimeSpan.FromMinutes(minutes));
        return Advance();
    }

    public EscalationOutcome Advance() => Apply(EscalationEngine.Advance(State, Config, Lookup, Now));

    public EscalationOutcome Stop(string reason) => Apply(EscalationEngine.Stop(State, reason, Now));

    public EscalationOutcome EscalateNow(string requestedBy) =>
        Apply(EscalationEngine.EscalateNow(State, Config, Lookup, requestedBy, Now));

    /// <summary>Pages as <c>+minutes user channel layer</c>, e.g. <c>+5 bob sms L2</c>, with <c>c2</c> for later cycles.</summary>
    public List<string> PageLog => Pages.Select(Describe).ToList();

    public List<string> NoteTexts(EscalationNoteKind kind) => Notes.Where(n => n.Kind == kind).Select(n => n.Message).ToList();

    public static string Describe(Page page)
    {
        var cycle = page.Iteration == 0 ? "" : $"c{page.Iteration + 1}";
        return $"+{(page.DueAt - T0).TotalMinutes:0.##} {page.UserId} {page.Channel.ToWire()} L{page.LayerIndex + 1}{cycle}";
    }

    public IReadOnlyList<string>? Lookup(string scheduleId, DateTimeOffset at) =>
        OnCall.TryGetValue(scheduleId, out var users) ? users : null;

    private EscalationOutcome Apply(EscalationOutcome outcome)
    {
        State = outcome.State;
        Pages.AddRange(outcome.Pages);
        Notes.AddRange(outcome.Notes);
        return outcome;
    }
}
