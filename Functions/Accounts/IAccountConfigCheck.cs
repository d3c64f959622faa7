using Klaxon.Common;

namespace Klaxon.Accounts;

/// <summary>
/// A check of a parsed account document that needs the host's settings or the network (so it cannot live in the pure
/// parser), run by <c>PUT /api/accounts/{id}/config</c> before saving. Owned here, implemented by other features (wired
/// in Hosting), so accounts need not know them.
/// </summary>
public interface IAccountConfigCheck
{
    /// <summary>The problems found, each at its JSON path; empty when the document may be saved.</summary>
    Task<IReadOnlyList<FieldError>> CheckAsync(AccountConfig config, CancellationToken cancellationToken);
}

/// <summary>Runs every registered <see cref="IAccountConfigCheck"/>: the one place both configuration PUTs call.</summary>
public static class AccountConfigChecks
{
    public static async Task<IReadOnlyList<FieldError>> RunAsync(IEnumerable<IAccountConfigCheck> checks, AccountConfig config, CancellationToken cancellationToken)
    {
        var problems = new List<FieldError>();
        foreach (var check in checks)
        {
            problems.AddRange(await check.CheckAsync(config, cancellationToken).ConfigureAwait(false));
        }
        return problems;
    }
}
