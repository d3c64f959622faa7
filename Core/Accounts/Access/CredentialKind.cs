namespace Klaxon.Accounts;

/// <summary>The two kinds of per-account secret Klaxon issues.</summary>
public enum CredentialKind
{
    /// <summary>An API key for <c>/api/accounts/{account}/…</c>, sent as <c>Authorization: Bearer klx_…</c>.</summary>
    ApiKey,

    /// <summary>
    /// A read-only token for one schedule's <c>.ics</c> feed, the only credential Klaxon accepts in a query string
    /// (<c>?token=klc_…</c>), because calendar apps can only be given a URL.
    /// </summary>
    CalendarToken,
}
