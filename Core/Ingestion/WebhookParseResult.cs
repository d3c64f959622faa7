using System.Diagnostics.CodeAnalysis;
using Klaxon.Common;

namespace Klaxon.Ingestion;

/// <summary>Outcome of <see cref="WebhookEventParser.Parse"/>: either an event or at least one error, never both.</summary>
public sealed class WebhookParseResult
{
    private WebhookParseResult(WebhookEvent? webhookEvent, IReadOnlyList<FieldError> errors)
    {
        Event = webhookEvent;
        Errors = errors;
    }

    /// <summary>The parsed event; null when the body was rejected.</summary>
    public WebhookEvent? Event { get; }

    /// <summary>Every problem found, in a stable order; empty when <see cref="IsValid"/>.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>True when the body was accepted and <see cref="Event"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsValid => Event is not null;

    /// <summary>An accepted body.</summary>
    public static WebhookParseResult Success(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return new(webhookEvent, []);
    }

    /// <summary>A rejected body; <paramref name="errors"/> must not be empty, so a failure always says why.</summary>
    public static WebhookParseResult Failure(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var list = errors.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A failed parse needs at least one error.", nameof(errors));
        }
        return new(null, Array.AsReadOnly(list));
    }
}
