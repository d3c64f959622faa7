using Klaxon.Common;

namespace Klaxon.Accounts;

/// <summary>A person who can be paged.</summary>
/// <param name="Id">Unique within the account ignoring case; references to it are case-sensitive.</param>
/// <param name="Name">Display name, required.</param>
/// <param name="Email">Optional; required when a rule uses the email channel.</param>
/// <param name="Phone">Optional E.164 number; required when a rule uses sms or voice.</param>
/// <param name="TimeZone">IANA time zone id; defaults to <c>UTC</c>.</param>
/// <param name="NotificationRules">Steps per urgency; defaults to empty (no urgency configured).</param>
/// <param name="Logins">
/// Sign-in names (the email address or UPN the identity provider reports) that sign in to the app as this user;
/// unique across the account ignoring case. Default empty: the user cannot sign in. Explicit rather than the contact
/// <see cref="Email"/>, which may be a shared mailbox that must not grant access.
/// </param>
/// <param name="Role">What the user may do in the app; default <see cref="UserRole.Responder"/>.</param>
public sealed record UserConfig(
    string Id,
    string Name,
    string? Email,
    string? Phone,
    string TimeZone,
    IReadOnlyDictionary<Urgency, IReadOnlyList<NotificationStep>> NotificationRules,
    IReadOnlyList<string>? Logins = null,
    UserRole Role = UserRole.Responder)
{
    /// <summary><see cref="Logins"/>, never null.</summary>
    public IReadOnlyList<string> SignInNames => Logins ?? [];

    /// <summary>True when <paramref name="login"/> is one of <see cref="Logins"/>, ignoring case.</summary>
    public bool HasLogin(string login) => SignInNames.Any(l => string.Equals(l, login, StringComparison.OrdinalIgnoreCase));

    /// <summary>The time zone of a user who does not say; UTC is at least never ambiguous.</summary>
    public const string DefaultTimeZone = "UTC";

    public bool Equals(UserConfig? other) =>
        other is not null
        && Id == other.Id
        && Name == other.Name
        && Email == other.Email
        && Phone == other.Phone
        && TimeZone == other.TimeZone
        && Structural.DictionaryEquals(NotificationRules, other.NotificationRules)
        && SignInNames.SequenceEqual(other.SignInNames)
        && Role == other.Role;

    public override int GetHashCode() => HashCode.Combine(Id, Name, Email, Phone, TimeZone, NotificationRules.Count);
}
