using Microsoft.AspNetCore.Mvc;

namespace Klaxon.Accounts;

/// <summary>
/// Who called a management route: an account's API key (<see cref="Key"/>), the operator, or nobody allowed —
/// then <see cref="Refusal"/> is the 401/403 to return as it is.
/// </summary>
public sealed record ApiCaller(StoredCredential? Key, bool IsOperator, IActionResult? Refusal)
{
    /// <summary>How the caller appears on timelines and in <c>createdBy</c>: <c>key:{id}</c> or <c>operator</c>.</summary>
    public string Name => IsOperator ? "operator" : Key is { } key ? "key:" + key.Id : "nobody";
}
