namespace Klaxon.Accounts;

/// <summary>
/// Told after an account's configuration was saved, on the instance that saved it (e.g. heartbeats start their clocks).
/// Implemented by features that depend on accounts, registered in the composition root, so accounts depend on none.
/// </summary>
public interface IAccountSavedHandler
{
    /// <param name="previous">The configuration before the save; null for a new account.</param>
    /// <param name="saved">The configuration as stored (token hashes only).</param>
    Task SavedAsync(AccountConfig? previous, AccountConfig saved, CancellationToken cancellationToken);
}
