using System.Diagnostics.CodeAnalysis;
using Klaxon.Common;

namespace Klaxon.Ingestion;

/// <summary>
/// Outcome of <see cref="PagerDutyEventParser.Parse"/>: an event or at least one error, never both, plus the
/// <c>routing_key</c> whenever the body had a usable one, so <c>POST /v2/enqueue</c> can find the integration (and
/// answer a stranger the uniform 404) before it reveals anything about the rest of the body.
/// </summary>
public sealed class PagerDutyParseResult
{
    private PagerDutyParseResult(string? routingKey, WebhookEvent? webhookEvent, IReadOnlyList<FieldError> errors)
    {
        RoutingKey = routingKey;
        Event = webhookEvent;
        Errors = errors;
    }

    /// <summary>The <c>routing_key</c> as sent; null when absent or not a non-empty string.</summary>
    public string? RoutingKey { get; }

    /// <summary>The event in Klaxon's terms; null when the body was rejected.</summary>
    public WebhookEvent? Event { get; }

    /// <summary>Every problem found, named by PagerDuty's field paths (<c>payload.summary</c>); empty when valid.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsValid => Event is not null;

    public static PagerDutyParseResult Success(string? routingKey, WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return new(routingKey, webhookEvent, []);
    }

    /// <summary>A rejected body; <paramref name="errors"/> must not be empty.</summary>
    public static PagerDutyParseResult Failure(string? routingKey, IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A failed parse needs at least one error.", nameof(errors));
        }
        return new(routingKey, null, Array.AsReadOnly(list));
    }
}
