using System.Globalization;
using Klaxon.Accounts;
using Klaxon.Notifications;

namespace Klaxon.Escalation;

/// <summary>An instruction to contact one user now. The engine emits each page exactly once; <see cref="Id"/> lets a sender deduplicate retries.</summary>
/// <param name="DueAt">When the step was due; a late sweep sends it later, but never twice.</param>
public sealed record Page(
    string AccountId,
    long IncidentNumber,
    string UserId,
    NotificationChannel Channel,
    int LayerIndex,
    int Iteration,
    int StepIndex,
    DateTimeOffset DueAt)
{
    /// <summary>
    /// <c>{account}:{number}:{iteration}:{layer}:{user}:{stepIndex}</c>, indices 0-based. Unique per incident because
    /// the engine enters each (iteration, layer) at most once; ids cannot contain ':', so the parts cannot run together.
    /// </summary>
    public string Id => string.Create(
        CultureInfo.InvariantCulture, $"{AccountId}:{IncidentNumber}:{Iteration}:{LayerIndex}:{UserId}:{StepIndex}");

    /// <summary>The order to the notifications side to send this page.</summary>
    /// <param name="requestId">The request that led to it, for the logs; the page id when nothing did (a timer step).</param>
    /// <param name="teamId">The team whose policy paged.</param>
    public PageJob ToJob(string? requestId, string? teamId) =>
        new(Id, DueAt, AccountId, IncidentNumber, requestId ?? Id, teamId, UserId, Channel);
}
