using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

public sealed partial class AccountConfigParser
{
    private static readonly string[] UserProperties = ["id", "name", "email", "phone", "timeZone", "notificationRules", "logins", "role"];
    // Silent incidents page nobody, so there are no rules for them.
    private static readonly string[] UrgencyKeys = [.. Urgencies.Paging.Select(u => u.ToWire())];
    private static readonly string[] StepProperties = ["channel", "after"];

    private UserConfig? ReadUser(JsonElement element, string path, DuplicateIds seen)
    {
        var user = ConfigObject.Open(element, path, _errors, UserProperties);
        if (user is null)
        {
            return null;
        }

        var id = ReadId(user, seen);
        var name = ReadName(user);
        var email = user.String("email");
        if (email is not null && !ConfigSyntax.IsEmail(email))
        {
            user.Error("email", ConfigSyntax.EmailRule);
        }
        var phone = user.String("phone");
        if (phone is not null && !ConfigSyntax.IsPhone(phone))
        {
            user.Error("phone", ConfigSyntax.PhoneRule);
        }
        var timeZone = ReadTimeZone(user, required: false) ?? UserConfig.DefaultTimeZone;
        var rules = ReadNotificationRules(user);
        var logins = ReadLogins(user);
        var role = UserRole.Responder;
        if (user.String("role") is { } roleText && !WireNames.TryParse(roleText, out role))
        {
            user.Error("role", $"must be one of {WireNames.Allowed<UserRole>()}");
        }
        return new UserConfig(id, name, email, phone, timeZone, rules, logins, role);
    }

    /// <summary>Sign-in names: email-shaped, and unique across the account's users ignoring case (one person, one user).</summary>
    private IReadOnlyList<string>? ReadLogins(ConfigObject user)
    {
        var items = user.Array("logins");
        if (items is null)
        {
            return null;
        }
        var logins = new List<string>();
        foreach (var (element, path) in items)
        {
            if (element.ValueKind != JsonValueKind.String || element.GetString() is not { } login || !ConfigSyntax.IsEmail(login))
            {
                _errors.Add(new FieldError(path, "must be a sign-in name: the email address or UPN the identity provider reports, such as alice@example.com"));
                continue;
            }
            if (_logins.TryGetValue(login, out var first))
            {
                _errors.Add(new FieldError(path, $"login '{login}' is already used at {first}: a sign-in name can belong to one user only"));
                continue;
            }
            _logins[login] = path;
            logins.Add(login);
        }
        return logins.AsReadOnly();
    }

    private IReadOnlyDictionary<Urgency, IReadOnlyList<NotificationStep>> ReadNotificationRules(ConfigObject user)
    {
        var result = new Dictionary<Urgency, IReadOnlyList<NotificationStep>>();
        var rules = user.Object("notificationRules", required: false, UrgencyKeys, noun: "urgency");
        foreach (var rule in rules?.Properties() ?? [])
        {
            // Unknown and repeated keys were already reported by ConfigObject.Open.
            if (!TryParseUrgency(rule.Name, out var urgency) || result.ContainsKey(urgency))
            {
                continue;
            }
            var steps = rules!.Array(rule.Name);
            if (steps is null)
            {
                continue;
            }
            if (steps.Count == 0)
            {
                rules.Error(rule.Name, "must have at least one step");
            }
            result[urgency] = steps.Select(step => ReadStep(step.Element, step.Path, user)).OfType<NotificationStep>().ToList().AsReadOnly();
        }
        return result.AsReadOnly();
    }

    private NotificationStep? ReadStep(JsonElement element, string path, ConfigObject user)
    {
        var step = ConfigObject.Open(element, path, _errors, StepProperties);
        if (step is null)
        {
            return null;
        }

        var channelText = step.String("channel", required: true);
        var channel = default(NotificationChannel);
        if (channelText is not null && !WireNames.TryParse(channelText, out channel))
        {
            step.Error("channel", $"must be one of {WireNames.Allowed<NotificationChannel>()}");
        }
        else if (channelText is not null)
        {
            // Checked here rather than at paging time: a rule that can never be delivered is a silent outage.
            // Presence is enough; an invalid phone or email is already reported at its own path.
            if (channel is NotificationChannel.Sms or NotificationChannel.Voice && !user.Has("phone"))
            {
                step.Error("channel", $"channel '{channelText}' requires the user to have a phone ({user.PathOf("phone")})");
            }
            else if (channel is NotificationChannel.Email && !user.Has("email"))
            {
                step.Error("channel", $"channel 'email' requires the user to have an email ({user.PathOf("email")})");
            }
        }
        var after = ReadDuration(step, "after", required: false) ?? IsoDuration.Zero;
        return new NotificationStep(channel, after);
    }
}
