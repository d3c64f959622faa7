namespace Klaxon.Accounts;

/// <summary>
/// One step of a user's notification rule: contact the user on <paramref name="Channel"/> once
/// <paramref name="After"/> has passed since they were paged. <c>after</c> defaults to <c>PT0S</c> in the document.
/// </summary>
public sealed record NotificationStep(NotificationChannel Channel, IsoDuration After);
