namespace Klaxon.Escalation;

/// <summary>What an <see cref="EscalationNote"/> records. Wire form is camelCase.</summary>
public enum EscalationNoteKind
{
    /// <summary>Escalation began for a new incident.</summary>
    Started,

    /// <summary>A layer started paging its resolved users.</summary>
    LayerStarted,

    /// <summary>One notification step was sent.</summary>
    Paged,

    /// <summary>A layer ended without acknowledgement, or someone asked to escalate.</summary>
    Escalated,

    /// <summary>A user's remaining steps were dropped because their layer ended.</summary>
    StepsStopped,

    /// <summary>A layer, user or schedule was passed over (nobody on call, or deleted from the configuration).</summary>
    Skipped,

    /// <summary>A user had no rules for the urgency and others were used.</summary>
    RulesFallback,

    /// <summary>No layer had anyone on call; recorded once, then re-checked at every layer boundary.</summary>
    NobodyOnCall,

    /// <summary>The policy ran out; the incident stays open.</summary>
    Exhausted,

    /// <summary>Acknowledged or resolved: all paging stopped.</summary>
    Stopped,

    /// <summary>The incident's urgency is silent: escalation never started paging.</summary>
    Silenced,

    /// <summary>A maintenance window covers the incident: nobody is paged until it ends.</summary>
    Paused,

    /// <summary>The maintenance window ended: paging starts again from the first layer.</summary>
    Resumed,
}

/// <summary>A line for the incident's timeline.</summary>
/// <param name="At">When it happened in the escalation (a boundary or due instant), which for a late sweep is before the sweep.</param>
public sealed record EscalationNote(DateTimeOffset At, EscalationNoteKind Kind, string Message);
