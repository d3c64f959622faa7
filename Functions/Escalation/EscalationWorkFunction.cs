using System.Text.Json;
using Klaxon.Common;
using Klaxon.Storage;
using Klaxon.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Escalation;

/// <summary>Queue-triggered: applies escalation work (due items from the sweep, escalate-now requests) and heartbeat deadlines.</summary>
public sealed class EscalationWorkFunction(EscalationRunner runner, IHeartbeatDeadlines heartbeats)
{
    [Function("RunEscalation")]
    public async Task Run(
        [QueueTrigger(StorageNames.EscalationsQueue, Connection = StorageClientFactory.SettingName)] string message,
        CancellationToken cancellationToken)
    {
        using var trace = MessageTrace.Resume(message);
        var work = JsonSerializer.Deserialize<EscalationWork>(message, KlaxonJson.Options)
            ?? throw new InvalidDataException("Empty escalation work item.");
        await (work.Kind switch
        {
            EscalationWorkKind.Due => runner.AdvanceAsync(work.AccountId, work.IncidentNumber, cancellationToken),
            EscalationWorkKind.Escalate => runner.EscalateNowAsync(work.AccountId, work.IncidentNumber, work.RequestedBy ?? "api", cancellationToken),
            EscalationWorkKind.HeartbeatDue => heartbeats.CheckAsync(work.AccountId, work.HeartbeatId ?? throw new InvalidDataException("Heartbeat work without a heartbeat id."), cancellationToken),
            _ => throw new InvalidDataException($"Unknown escalation work kind '{work.Kind}'."),
        }).ConfigureAwait(false);
    }
}
