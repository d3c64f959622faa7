namespace Klaxon.OnCall;

/// <summary><paramref name="User"/> (a user id) is on call from <paramref name="Start"/> (inclusive) to <paramref name="End"/> (exclusive); both UTC.</summary>
public readonly record struct Shift(string User, DateTimeOffset Start, DateTimeOffset End);
