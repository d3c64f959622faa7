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
