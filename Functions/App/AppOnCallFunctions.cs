using Klaxon.Accounts;
using Klaxon.Http;
using Klaxon.OnCall;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Klaxon.App;

/// <summary>
/// The app's on-call page: who is on call now per schedule and per team (its first layer), the person's own shifts
/// in the next <see cref="ShiftsAhead"/>, and each schedule's <c>.ics</c> feed (a download while signed in, and a signed
/// subscription link for calendar apps). Any user of the account; others 404.
/// </summary>
public sealed class AppOnCallFunctions(AppGate gate, IOptions<AppOptions> options, TimeProvider time, AccountStore accounts, CalendarLinks links, CredentialStore credentials)
    : AppApiFunction(gate, options)
{
    /// <summary>How far ahead the person's shifts are listed: 28 days.</summary>
    public static readonly TimeSpan ShiftsAhead = TimeSpan.FromDays(28);

    [Function("AppOnCall")]
    public async Task<IActionResult> OnCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/api/accounts/{accountId}/oncall")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var account = caller.Account!;
        var me = caller.User!.Id;
        var now = time.GetUtcNow();
        var subscribe = await links.PathsForAsync(account.Id, [.. account.Schedules.Select(s => s.Id)], me, cancellationToken).ConfigureAwait(false);
        var schedules = account.Schedules.Select((s, i) => new ScheduleNow(s.Id, Names(account, ScheduleResolver.OnCallAt(s, now)),
            $"/app/api/accounts/{Uri.EscapeDataString(account.Id)}/schedules/{Uri.EscapeDataString(s.Id)}.ics", subscribe[i])).ToList();
        var teams = account.Teams.Select(t => new TeamNow(t.Id, t.Name, Names(account, [.. (t.EscalationPolicy.Layers.FirstOrDefault()?.Targets ?? [])
            .SelectMany(target => target.User is { } user ? [user] : ScheduleResolver.OnCallAt(account, target.Schedule!, now) ?? [])
            .Distinct(StringComparer.Ordinal)]))).ToList();
        var mine = account.Schedules
            .SelectMany(s => ScheduleResolver.Shifts(s, now, now + ShiftsAhead).Where(shift => shift.User == me)
                .Select(shift => new MyShift(s.Id, shift.Start, shift.End)))
            .OrderBy(shift => shift.Start)
            .ToList();
        return JsonResponses.Json(200, new OnCallBody(now, schedules, teams, mine));
    }

    /// <summary>The schedule's shifts as <c>text/calendar</c>, the same feed as the management API's, for the signed-in person.</summary>
    [Function("AppScheduleCalendar")]
    public async Task<IActionResult> Calendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/api/accounts/{accountId}/schedules/{scheduleId}.ics")] HttpRequest request,
        string accountId,
        string scheduleId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        if (caller.Account!.FindSchedule(scheduleId) is not { } schedule)
        {
            return JsonResponses.NotFound();
        }
        return Feed(caller.Account, schedule);
    }

    /// <summary>
    /// <c>GET /app/calendar/{accountId}/{scheduleId}.ics?u=&amp;s=</c>: the same feed for calendar apps, which cannot sign
    /// in; the link's signature (<see cref="CalendarLinks"/>) is the credential, and its user must still be in the
    /// account. Anything else is 404.
    /// </summary>
    [Function("AppCalendarSubscription")]
    public async Task<IActionResult> Subscription(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "app/calendar/{accountId}/{scheduleId}.ics")] HttpRequest request,
        string accountId,
        string scheduleId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userId = request.Query["u"].ToString();
        if (!await links.VerifyAsync(accountId, scheduleId, userId, request.Query["s"].ToString(), cancellationToken).ConfigureAwait(false)
            || await accounts.GetCachedAsync(accountId, cancellationToken).ConfigureAwait(false) is not { } account
            || account.FindUser(userId) is null
            || account.FindSchedule(scheduleId) is not { } schedule)
        {
            return JsonResponses.NotFound();
        }
        return Feed(account, schedule);
    }

    /// <summary>
    /// <c>POST …/me/calendar-links/reset</c>: the signed-in person revokes every calendar link they were given (a lost
    /// phone, a shared calendar); the page then shows new ones.
    /// </summary>
    [Function("AppResetCalendarLinks")]
    public async Task<IActionResult> ResetLinks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/api/accounts/{accountId}/me/calendar-links/reset")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var (caller, refusal) = await EnterAsync(request, accountId, UserRole.Responder, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        await credentials.ResetLinksAsync(accountId, caller.User!.Id, cancellationToken).ConfigureAwait(false);
        return new StatusCodeResult(204);
    }

    private ContentResult Feed(AccountConfig account, ScheduleConfig schedule)
    {
        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var shifts = ScheduleResolver.Shifts(schedule, today - ScheduleFunctions.FeedPast, today + ScheduleFunctions.FeedAhead);
        return new ContentResult { StatusCode = 200, ContentType = CalendarFeed.ContentType, Content = CalendarFeed.Write(account, schedule.Id, shifts, now) };
    }

    private static List<Person> Names(AccountConfig account, IReadOnlyList<string> users) =>
        [.. users.Select(id => new Person(id, account.FindUser(id)?.Name ?? id))];

    private sealed record Person(string Id, string Name);

    /// <param name="CalendarUrl">Download while signed in.</param>
    /// <param name="SubscriptionUrl">For calendar apps (signed, no sign-in); null when no signing key is configured.</param>
    private sealed record ScheduleNow(string Id, IReadOnlyList<Person> OnCall, string CalendarUrl, string? SubscriptionUrl);

    private sealed record TeamNow(string Id, string Name, IReadOnlyList<Person> OnCall);

    private sealed record MyShift(string Schedule, DateTimeOffset Start, DateTimeOffset End);

    private sealed record OnCallBody(DateTimeOffset At, IReadOnlyList<ScheduleNow> Schedules, IReadOnlyList<TeamNow> Teams, IReadOnlyList<MyShift> MyShifts);
}
