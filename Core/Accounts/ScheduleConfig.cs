namespace Klaxon.Accounts;

/// <summary>Who is on call when.</summary>
/// <param name="Id">Unique within the account ignoring case; references to it are case-sensitive.</param>
/// <param name="TimeZone">IANA time zone id that rotation start times are local to; required.</param>
/// <param name="Rotations">At least one rotation.</param>
/// <param name="Overrides">Temporary replacements; defaults to empty.</param>
public sealed record ScheduleConfig(
    string Id,
    string TimeZone,
    IReadOnlyList<RotationConfig> Rotations,
    IReadOnlyList<OverrideConfig> Overrides)
{
    public bool Equals(ScheduleConfig? other) =>
        other is not null
        && Id == other.Id
        && TimeZone == other.TimeZone
        && Structural.ListEquals(Rotations, other.Rotations)
        && Structural.ListEquals(Overrides, other.Overrides);

    public override int GetHashCode() => HashCode.Combine(Id, TimeZone, Structural.ListHash(Rotations), Structural.ListHash(Overrides));
}
