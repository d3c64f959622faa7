namespace Klaxon.Accounts;

/// <summary>How a user is contacted. Wire form is the lower-case name.</summary>
public enum NotificationChannel
{
    Sms,
    Voice,
    Email,
    Push,
}

public static class NotificationChannelNames
{
    /// <summary>The accepted wire values, in order, for error messages.</summary>
    public const string Allowed = "sms, voice, email or push";

    /// <summary>
    /// Parses an exact lower-case wire value. Unlike urgencies from alert payloads, this only ever reads
    /// configuration written by people, where one spelling keeps documents diffable.
    /// </summary>
    public static bool TryParse(string? value, out NotificationChannel channel)
    {
        channel = value switch
        {
            "sms" => NotificationChannel.Sms,
            "voice" => NotificationChannel.Voice,
            "email" => NotificationChannel.Email,
            "push" => NotificationChannel.Push,
            _ => default,
        };
        return value is "sms" or "voice" or "email" or "push";
    }

    public static string ToWire(this NotificationChannel channel) => channel switch
    {
        NotificationChannel.Sms => "sms",
        NotificationChannel.Voice => "voice",
        NotificationChannel.Email => "email",
        NotificationChannel.Push => "push",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };
}
