namespace Klaxon.Escalation;

/// <summary>The result of one engine call.</summary>
/// <param name="State">The new state; the same instance as the input when <paramref name="Changed"/> is false.</param>
/// <param name="Changed">False when nothing happened (nothing due, already stopped): there is nothing to save or send.</param>
/// <param name="Pages">Pages to send, in due order.</param>
/// <param name="Notes">Timeline entries, in the order things happened.</param>
public sealed record EscalationOutcome(
    EscalationState State,
    bool Changed,
    IReadOnlyList<Page> Pages,
    IReadOnlyList<EscalationNote> Notes)
{
    internal static EscalationOutcome Unchanged(EscalationState state) => new(state, false, [], []);
}
