using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.OnCall;

/// <summary>
/// Read-only schedule API: who is on call at an instant, the resolved shifts of a window, and the same shifts as an
/// iCalendar feed. Who may call: any API key of the account; the feed also takes a calendar token of that schedule in
/// <c>?token=</c>. Unknown accounts and schedules (ids are case-sensitive) are 404.
/// </summary>
public sealed class ScheduleFunctions(AccountStore store, TimeProvider time, ApiAccess access)
{
    /// <summary>How far back the <c>.ics</c> feed reaches by default: 7 days.</summary>
    public static readonly TimeSpan FeedPast = TimeSpan.FromDays(7);

    /// <summary>How far ahead the <c>.ics</c> feed reaches by default: 60 days.</summary>
    public static readonly TimeSpan FeedAhead = TimeSpan.FromDays(60);

    /// <summary><c>?at=</c> an RFC 3339 instant, default now → <c>{"at":...,"users":["alice"]}</c>.</summary>
    [Function("GetOnCall")]
    public async Task<IActionResult> OnCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/schedules/{scheduleId}/oncall")] HttpRequest request,
        string accountId,
        string scheduleId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.ReadOnly, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = new List<FieldError>();
        var at = ScheduleQuery.Instant(QueryValues.From(request.Query), "at", time.GetUtcNow(), errors);
        if (errors.Count > 0)
        {
            return JsonResponses.Invalid(400, errors);
        }
        if (await FindAsync(accountId, scheduleId, cancellationToken).ConfigureAwait(false) is not (_, var schedule))
        {
            return JsonResponses.NotFound();
        }
        return JsonResponses.Json(200, new OnCallBody(at, ScheduleResolver.OnCallAt(schedule, at)));
    }

    /// <summary><c>?from=&amp;to=</c>, both required, at most 90 days apart → <c>[{"user","start","end"}]</c>.</summary>
    [Function("GetScheduleShifts")]
    public async Task<IActionResult> Shifts(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/schedules/{scheduleId}/shifts")] HttpRequest request,
        string accountId,
        string scheduleId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckAsync(request, accountId, ApiRole.ReadOnly, operatorAllowed: false, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var errors = new List<FieldError>();
        var (from, to) = ScheduleQuery.Window(QueryValues.From(request.Query), null, null, errors);
        if (errors.Count > 0)
        {
            return JsonResponses.Invalid(400, errors);
        }
        if (await FindAsync(accountId, scheduleId, cancellationToken).ConfigureAwait(false) is not (_, var schedule))
        {
            return JsonResponses.NotFound();
        }
        return JsonResponses.Json(200, ScheduleResolver.Shifts(schedule, from, to));
    }

    /// <summary>
    /// The shifts as <c>text/calendar</c>. <c>from</c>/<c>to</c> are optional and default to the start of the UTC day
    /// <see cref="FeedPast"/> ago and the start of the UTC day <see cref="FeedAhead"/> ahead.
    /// </summary>
    [Function("GetScheduleCalendar")]
    public async Task<IActionResult> Calendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/accounts/{accountId}/schedules/{scheduleId}.ics")] HttpRequest request,
        string accountId,
        string scheduleId,
        CancellationToken cancellationToken)
    {
        var caller = await access.CheckCalendarAsync(request, accountId, scheduleId, cancellationToken).ConfigureAwait(false);
        if (caller.Refusal is { } refusal)
        {
            return refusal;
        }
        var now = time.GetUtcNow();
        // Whole UTC days, so the feed (and the clipped first event's UID) only changes once a day between refreshes.
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var errors = new List<FieldError>();
        var (from, to) = ScheduleQuery.Window(QueryValues.From(request.Query), today - FeedPast, today + FeedAhead, errors);
        if (errors.Count > 0)
        {
            return JsonResponses.Invalid(400, errors);
        }
        if (await FindAsync(accountId, scheduleId, cancellationToken).ConfigureAwait(false) is not (var account, var schedule))
        {
            return JsonResponses.NotFound();
        }
        return new ContentResult
        {
            StatusCode = 200,
            ContentType = CalendarFeed.ContentType,
            Content = CalendarFeed.Write(account, schedule.Id, ScheduleResolver.Shifts(schedule, from, to), now),
        };
    }

    private async Task<(AccountConfig Account, ScheduleConfig Schedule)?> FindAsync(string accountId, string scheduleId, CancellationToken cancellationToken) =>
        await store.GetAsync(accountId, cancellationToken).ConfigureAwait(false) is { } account && account.FindSchedule(scheduleId) is { } schedule
            ? (account, schedule)
            : null;

    /// <summary><c>{"at":...,"users":[...]}</c>.</summary>
    private sealed record OnCallBody(DateTimeOffset At, IReadOnlyList<string> Users);
}
