namespace Klaxon.Tests.OnCall;

/// <summary>An account with schedules for the API tests.</summary>
internal static class ScheduleDocuments
{
    /// <summary>Carol's name needs escaping and folding in iCalendar.</summary>
    public const string LongName = "Carol Ångström-Müller, Jr.; the on-call lead with a display name long enough to fold 🚨";

    /// <summary>
    /// <c>primary</c> (New York): alice and bob daily at 09:00, carol on Saturdays 12:00–14:00 above them, and carol
    /// overriding 2026-03-10 00:00–06:00Z. <c>eu.primary</c> (Berlin): alice always, from 2026-01-01.
    /// </summary>
    public static string Account(string id) => $$"""
        {
          "id": "{{id}}", "name": "Schedules",
          "users": [
            { "id": "alice", "name": "Alice" },
            { "id": "bob", "name": "Bob" },
            { "id": "carol", "name": "{{LongName}}" }
          ],
          "schedules": [
            { "id": "primary", "timeZone": "America/New_York",
              "rotations": [
                { "users": ["alice", "bob"], "start": "2026-03-01T09:00", "length": "P1D" },
                { "users": ["carol"], "start": "2026-03-01T00:00", "length": "P7D",
                  "restrictions": [{ "days": ["sat"], "start": "12:00", "end": "14:00" }] }
              ],
              "overrides": [{ "user": "carol", "start": "2026-03-10T00:00:00Z", "end": "2026-03-10T06:00:00Z" }] },
            { "id": "eu.primary", "timeZone": "Europe/Berlin",
              "rotations": [{ "users": ["alice"], "start": "2026-01-01T00:00", "length": "P7D" }] }
          ]
        }
        """;

    /// <summary>The resolved shifts of <c>primary</c> from 2026-03-07T00:00Z to 2026-03-10T12:00Z, as the API writes them.</summary>
    public const string PrimaryShifts =
        """[{"user":"bob","start":"2026-03-07T00:00:00+00:00","end":"2026-03-07T14:00:00+00:00"},"""
        + """{"user":"alice","start":"2026-03-07T14:00:00+00:00","end":"2026-03-07T17:00:00+00:00"},"""
        + """{"user":"carol","start":"2026-03-07T17:00:00+00:00","end":"2026-03-07T19:00:00+00:00"},"""
        + """{"user":"alice","start":"2026-03-07T19:00:00+00:00","end":"2026-03-08T13:00:00+00:00"},"""
        + """{"user":"bob","start":"2026-03-08T13:00:00+00:00","end":"2026-03-09T13:00:00+00:00"},"""
        + """{"user":"alice","start":"2026-03-09T13:00:00+00:00","end":"2026-03-10T00:00:00+00:00"},"""
        + """{"user":"carol","start":"2026-03-10T00:00:00+00:00","end":"2026-03-10T06:00:00+00:00"},"""
        + """{"user":"alice","start":"2026-03-10T06:00:00+00:00","end":"2026-03-10T12:00:00+00:00"}]""";
}
