using Klaxon.Accounts;

namespace Klaxon.Escalation;

/// <summary>One notification step of a paged user that has not been sent yet.</summary>
/// <param name="DueAt">When the layer started plus the step's <c>after</c> (calendar days counted as 24 hours).</param>
/// <param name="StepIndex">0-based position in the user's rule for the urgency.</param>
/// <param name="LayerIndex">0-based layer that paged the user.</param>
/// <param name="Iteration">0-based pass through the policy.</param>
public sealed record PendingStep(
    string UserId,
    NotificationChannel Channel,
    DateTimeOffset DueAt,
    int StepIndex,
    int LayerIndex,
    int Iteration);
