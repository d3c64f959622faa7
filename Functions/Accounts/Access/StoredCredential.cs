namespace Klaxon.Accounts;

/// <summary>
/// A credential as stored and listed: never its secret, only <see cref="Hash"/> (which is never shown either).
/// </summary>
/// <param name="ScheduleId">For a calendar token, the one schedule whose feed it opens; null for API keys.</param>
/// <param name="CreatedBy">Who issued it: <c>operator</c> or <c>key:{id}</c>.</param>
public sealed record StoredCredential(
    string AccountId,
    string Id,
    CredentialKind Kind,
    string Name,
    ApiRole Role,
    string? ScheduleId,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt,
    string CreatedBy);
