using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Http;
using Klaxon.Incidents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>
/// The app's incidents: list (the person's teams' open and acknowledged first), one with its timeline, and
/// acknowledge / resolve / escalate now / add a note. Actions take the same queues as every other source, recorded <c>via web</c>.
/// Any user of the account may call them; anyone else gets 404.
/// </summary>
public sealed class AppIncidentFunctions(AppGate gate, IOptions<AppOptions> options, IncidentReader reader, IncidentCommands commands, EscalationQueue escalations,
    IncidentNotes notes)
    : AppApiFunction(gate, options)
{
    /// <summary>The source recorded on the timeline for actions taken in the app.</summary>
    public const string Source = "web";

    private const string Route = "app/api/accounts/{accountId}/incidents";

    /// <summary>
    /// <c>?status=open|acknowledged|resolved</c> (default all). The newest <see cref="IncidentReader.MaxLimit"/> matching
    /// incidents, the person's teams' open and acknowledged ones first, each group newest first.
    /// </summary>
    [Function("AppListIncidents")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        IncidentStatus? status = null;
        if (request.Query["status"].ToString() is { Length: > 0 } text)
        {
            if (!WireNames.TryParse<IncidentStatus>(text, out var parsed, lenient: true))
            {
                return JsonResponses.Invalid(400, "status", $"must be one of {WireNames.Allowed<IncidentStatus>()}");
            }
            status = parsed;
        }
        var page = await reader.ListAsync(accountId, status, IncidentReader.MaxLimit, null, cancellationToken).ConfigureAwait(false);
        var teams = PersonTeams.Of(caller.Account!, caller.User!.Id);
        var items = page.Items
            .Select(i => new IncidentItem(i.Number, i.Title, i.Status.ToWire(), i.Urgency.ToWire(), i.TeamId, i.CreatedAt, i.AcknowledgedBy, i.AlertCount,
                Mine: i.TeamId is { } team && teams.Contains(team) && i.Status != IncidentStatus.Resolved))
            .OrderByDescending(i => i.Mine)
            .ThenByDescending(i => i.Number)
            .ToList();
        return JsonResponses.Json(200, new IncidentList(items, page.Continuation is not null));
    }

    [Function("AppGetIncident")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{number}")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken)
    {
        var (_, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var incident = IncidentNumberFormat.TryParse(number, out var value)
            ? await reader.GetAsync(accountId, value, cancellationToken).ConfigureAwait(false)
            : null;
        return incident is null ? JsonResponses.NotFound() : JsonResponses.Json(200, incident);
    }

    [Function("AppAcknowledgeIncident")]
    public Task<IActionResult> Acknowledge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{number}/acknowledge")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken) =>
        SubmitAsync(request, accountId, number, IncidentActionKind.Acknowledge, cancellationToken);

    [Function("AppResolveIncident")]
    public Task<IActionResult> Resolve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{number}/resolve")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken) =>
        SubmitAsync(request, accountId, number, IncidentActionKind.Resolve, cancellationToken);

    /// <summary>Moves an open incident to its next escalation layer now, on the escalations queue as the management API does.</summary>
    [Function("AppEscalateIncident")]
    public async Task<IActionResult> Escalate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{number}/escalate")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!IncidentNumberFormat.TryParse(number, out var value)
            || await reader.GetAsync(accountId, value, cancellationToken, withTimeline: false).ConfigureAwait(false) is not { } incident)
        {
            return JsonResponses.NotFound();
        }
        if (incident.Status != IncidentStatus.Open)
        {
            return JsonResponses.Json(409, new Refused("not_open", $"Incident #{value} is {incident.Status.ToWire()}; only open incidents escalate."));
        }
        await escalations.SendAsync(new EscalationWork(EscalationWorkKind.Escalate, accountId, value, RequestedBy: caller.User!.Id), cancellationToken)
            .ConfigureAwait(false);
        return JsonResponses.Json(202, new Accepted("accepted", "escalate", value, null));
    }

    /// <summary>
    /// <c>{"text"[,"id"]}</c>: a note on the incident's timeline, written by the signed-in person (source <c>web</c>);
    /// the same rules and answers as the management route (<see cref="IncidentNotesFunction"/>).
    /// </summary>
    [Function("AppAddIncidentNote")]
    public async Task<IActionResult> AddNote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{number}/notes")] HttpRequest request,
        string accountId,
        string number,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!IncidentNumberFormat.TryParse(number, out var value))
        {
            return JsonResponses.NotFound();
        }
        var body = await NoteBody.ReadAsync(request, IncidentNotesFunction.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } problem)
        {
            return problem;
        }
        var result = await notes.AddAsync(accountId, value, caller.User!.Id, body.Text, body.Id, Source, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            NoteOutcome.Added => JsonResponses.Json(201, NoteAnswer.Of("added", result.Note!)),
            NoteOutcome.AlreadyAdded => JsonResponses.Json(200, NoteAnswer.Of("already_added", result.Note!)),
            NoteOutcome.Invalid => JsonResponses.Invalid(400, result.Errors),
            _ => JsonResponses.NotFound(),
        };
    }

    private async Task<IActionResult> SubmitAsync(HttpRequest request, string accountId, string number, IncidentActionKind action, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!IncidentNumberFormat.TryParse(number, out var value))
        {
            return JsonResponses.NotFound();
        }
        var result = await commands.SubmitAsync(accountId, value, action, caller.User!.Id, Source, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            CommandOutcome.Accepted => JsonResponses.Json(202, new Accepted("accepted", action.ToWire(), value, result.RequestId)),
            CommandOutcome.Invalid => JsonResponses.Invalid(400, [result.Error!]),
            _ => JsonResponses.NotFound(),
        };
    }

    /// <param name="Mine">Open or acknowledged, and of one of the person's teams.</param>
    private sealed record IncidentItem(long Number, string Title, string Status, string Urgency, string? TeamId, DateTimeOffset CreatedAt,
        string? AcknowledgedBy, int AlertCount, bool Mine);

    /// <param name="More">True when older incidents exist beyond these.</param>
    private sealed record IncidentList(IReadOnlyList<IncidentItem> Items, bool More);

    private sealed record Accepted(string Status, string Action, long Number, string? RequestId);

    private sealed record Refused(string Status, string Message);
}
