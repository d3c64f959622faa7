using System.Text;
using Klaxon.Common;
using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Klaxon.Notifications.Actions;

/// <summary>
/// <c>GET actions?t=...</c> shows what a link will do and a confirm button; <c>POST actions</c> (token in the form field
/// <c>t</c> or the query) does it. GET never changes anything, because mail scanners and link previews follow links.
/// The signed token is the only credential, so both are anonymous.
/// </summary>
public sealed class ActionLinkFunctions(ActionLinkService service)
{
    /// <summary>The form field and query parameter holding the token.</summary>
    public const string TokenField = "t";

    /// <summary>Largest POST body read: 8 KiB, far more than a form with one token.</summary>
    public const int MaxBytes = 8 * 1024;

    [Function("ShowActionLink")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ActionLinks.Route)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var token = request.Query[TokenField].ToString();
        var preview = await service.PreviewAsync(token, cancellationToken).ConfigureAwait(false);
        return ActionPageResult.Html(StatusCode(preview.Outcome, ok: 200),
            preview.Outcome == ActionLinkOutcome.Ok ? ActionPages.Confirm(preview, token) : ActionPages.Problem(preview.Error!));
    }

    [Function("SubmitActionLink")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ActionLinks.Route)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var json = PrefersJson(request);
        // A form post or an empty post (the token in the query): the Content-Type is not JSON, only the size is checked.
        var body = await JsonRequestReader.ReadAnyAsync(request, MaxBytes, cancellationToken).ConfigureAwait(false);
        if (body.Problem is { } tooLarge)
        {
            return json
                ? new ActionPageResult(tooLarge.ToResponse())
                : ActionPageResult.Html(tooLarge.StatusCode, ActionPages.Problem($"The request {tooLarge.Error.Field} {tooLarge.Error.Message}."));
        }
        var submission = await service.SubmitAsync(Token(request, body.Bytes), cancellationToken).ConfigureAwait(false);
        var status = StatusCode(submission.Outcome, ok: 202);
        if (json)
        {
            return new ActionPageResult(submission.Outcome switch
            {
                ActionLinkOutcome.Ok => JsonResponses.Json(status, new Accepted("accepted", submission.Action!.Action.ToWire(),
                    submission.Action.Number, submission.RequestId!, submission.WasResolved)),
                ActionLinkOutcome.NotFound => JsonResponses.NotFound(),
                _ => JsonResponses.Invalid(status, TokenField, submission.Error!),
            });
        }
        return ActionPageResult.Html(status,
            submission.Outcome == ActionLinkOutcome.Ok ? ActionPages.Submitted(submission) : ActionPages.Problem(submission.Error!));
    }

    /// <summary><paramref name="ok"/> (200 for a preview, 202 for a queued action), 400 for a bad link, 404 for a gone incident, 409 for a resolve link used before.</summary>
    private static int StatusCode(ActionLinkOutcome outcome, int ok) => outcome switch
    {
        ActionLinkOutcome.Ok => ok,
        ActionLinkOutcome.NotFound => 404,
        ActionLinkOutcome.Used => 409,
        _ => 400,
    };

    /// <summary>The form field <c>t</c> of a form post; otherwise the query's <c>t</c> (push service workers post to the link itself).</summary>
    private static string? Token(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        if (body.Length > 0 && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Span)).TryGetValue(TokenField, out var field)
            && field.ToString() is { Length: > 0 } fromForm)
        {
            return fromForm;
        }
        return request.Query[TokenField].ToString() is { Length: > 0 } fromQuery ? fromQuery : null;
    }

    /// <summary>True when the Accept header rates <c>application/json</c> above <c>text/html</c> (a script, not a browser).</summary>
    public static bool PrefersJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return false;
        }
        return Quality(accepted, "application", "json") > Quality(accepted, "text", "html");
    }

    /// <summary>The quality the most specific matching entry gives the type (RFC 9110 §12.5.1), 0 when none matches.</summary>
    private static double Quality(IList<MediaTypeHeaderValue> accepted, string type, string subtype)
    {
        var best = (Specificity: -1, Quality: 0d);
        foreach (var range in accepted)
        {
            var specificity = range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2
                : range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && range.SubType.Equals("*", StringComparison.Ordinal) ? 1
                : range.Type.Equals("*", StringComparison.Ordinal) && range.SubType.Equals("*", StringComparison.Ordinal) ? 0
                : -1;
            if (specificity > best.Specificity)
            {
                best = (specificity, range.Quality ?? 1d);
            }
        }
        return best.Quality;
    }

    /// <summary>
    /// <c>{"status":"accepted","action":"acknowledge","number":42,"request_id":"...","was_resolved":false}</c>, in the
    /// management API's spelling (its acknowledge answers with <c>request_id</c>).
    /// </summary>
    private sealed record Accepted(
        string Status,
        string Action,
        long Number,
        [property: System.Text.Json.Serialization.JsonPropertyName("request_id")] string RequestId,
        [property: System.Text.Json.Serialization.JsonPropertyName("was_resolved")] bool WasResolved);
}
