namespace Klaxon.Notifications.Channels;

/// <summary>What a provider said to one message.</summary>
public enum SendOutcome
{
    /// <summary>The provider took it; <see cref="SendResult.ProviderId"/> names it. Never send it again.</summary>
    Accepted,

    /// <summary>5xx, 429, a timeout or a network error after the in-process retries: worth trying again later.</summary>
    Transient,

    /// <summary>The provider refused it for good (invalid number or address, no subscriptions): record, do not retry.</summary>
    Permanent,
}

/// <param name="ProviderId">Twilio's SID, SendGrid's message id, or a count of push subscriptions reached.</param>
/// <param name="Detail">For people, on the timeline: the provider's error code and message, never a credential.</param>
public sealed record SendResult(SendOutcome Outcome, string? ProviderId, string? Detail)
{
    public static SendResult Accepted(string providerId, string? detail = null) => new(SendOutcome.Accepted, providerId, detail);

    public static SendResult Transient(string detail) => new(SendOutcome.Transient, null, detail);

    public static SendResult Permanent(string detail) => new(SendOutcome.Permanent, null, detail);
}
