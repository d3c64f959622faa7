namespace Klaxon.Accounts;

/// <summary>
/// Users take turns, each on call for <paramref name="Length"/>, starting with the first user at
/// <paramref name="Start"/>.
/// </summary>
/// <param name="Users">Known user ids in rotation order; a user may appear more than once.</param>
/// <param name="Start">
/// Local wall-clock time in the schedule's time zone (<see cref="DateTimeKind.Unspecified"/>), so that a
/// handover "every Monday 09:00" stays at 09:00 across DST changes.
/// </param>
/// <param name="Length">How long each turn lasts; greater than zero.</param>
/// <param name="Restrictions">
/// Windows outside which the rotation does not apply (a lower rotation or nobody does). Empty, the default,
/// means it always applies. Restrictions never change whose turn it is: turns keep handing over on schedule.
/// </param>
public sealed record RotationConfig(
    IReadOnlyList<string> Users,
    DateTime Start,
    IsoDuration Length,
    IReadOnlyList<RestrictionConfig> Restrictions)
{
    /// <summary>An unrestricted rotation.</summary>
    public RotationConfig(IReadOnlyList<string> Users, DateTime Start, IsoDuration Length)
        : this(Users, Start, Length, [])
    {
    }

    public bool Equals(RotationConfig? other) =>
        other is not null
        && Structural.ListEquals(Users, other.Users)
        && Start == other.Start
        && Length == other.Length
        && Structural.ListEquals(Restrictions, other.Restrictions);

    public override int GetHashCode() =>
        HashCode.Combine(Structural.ListHash(Users), Start, Length, Structural.ListHash(Restrictions));
}
