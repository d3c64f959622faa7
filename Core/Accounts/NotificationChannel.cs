namespace Klaxon.Accounts;

/// <summary>How a user is contacted. Wire form is the lower-case name.</summary>
public enum NotificationChannel
{
    Sms,
    Voice,
    Email,
    Push,
}
