namespace Klaxon.Accounts;

/// <summary>
/// <paramref name="User"/> is on call instead of the rotation from <paramref name="Start"/> (inclusive) to
/// <paramref name="End"/> (exclusive). Instants are absolute; the parser normalises them to UTC.
/// </summary>
public sealed record OverrideConfig(string User, DateTimeOffset Start, DateTimeOffset End);
