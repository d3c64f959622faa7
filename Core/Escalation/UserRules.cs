using Klaxon.Accounts;
using Klaxon.Common;

namespace Klaxon.Escalation;

/// <summary>Chooses which notification steps run for a paged user.</summary>
internal static class UserRules
{
    /// <summary>
    /// The user's steps for <paramref name="urgency"/>. Without any, the nearest higher urgency's steps, then the nearest
    /// lower one's: paging louder than asked beats paging quieter. Without any rules at all, one immediate step on email
    /// if the user has an address, else sms if they have a phone, else push, because a paged user must hear something.
    /// </summary>
    /// <param name="fallback">Timeline text when anything but the exact urgency's rules was used; otherwise null.</param>
    public static IReadOnlyList<NotificationStep> StepsFor(UserConfig user, Urgency urgency, out string? fallback)
    {
        foreach (var candidate in FallbackOrder(urgency))
        {
            if (user.NotificationRules.TryGetValue(candidate, out var steps) && steps.Count > 0)
            {
                fallback = candidate == urgency
                    ? null
                    : $"{user.Id} has no {urgency.ToWire()}-urgency notification rules; using the {candidate.ToWire()}-urgency rules";
                return steps;
            }
        }

        var channel = !string.IsNullOrEmpty(user.Email) ? NotificationChannel.Email
            : !string.IsNullOrEmpty(user.Phone) ? NotificationChannel.Sms
            : NotificationChannel.Push;
        fallback = $"{user.Id} has no notification rules; paging by {channel.ToWire()} at once";
        return [new NotificationStep(channel, IsoDuration.Zero)];
    }

    /// <summary>The urgency itself, then higher ones nearest first, then lower ones nearest first.</summary>
    internal static IEnumerable<Urgency> FallbackOrder(Urgency urgency)
    {
        var all = Urgencies.Paging;
        yield return urgency;
        foreach (var higher in all.Where(u => u > urgency).Order())
        {
            yield return higher;
        }
        foreach (var lower in all.Where(u => u < urgency).OrderDescending())
        {
            yield return lower;
        }
    }
}
