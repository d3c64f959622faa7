namespace Klaxon.Accounts;

/// <summary>Settings under <c>Klaxon:Access</c> (app settings <c>Klaxon__Access__Name</c>).</summary>
public sealed class AccessOptions
{
    public const string Section = "Klaxon:Access";

    /// <summary>Shortest operator key accepted: 32 characters.</summary>
    public const int MinOperatorKeyLength = 32;

    public const string OperatorKeyRule = "Klaxon:Access:OperatorKey must be at least 32 characters (for example 32 random bytes in base64url); Klaxon does not start with a shorter one.";

    /// <summary>
    /// The operator credential, sent as <c>Authorization: Bearer …</c>: creates accounts and issues, rotates and revokes
    /// any account's API keys (to hand an account its first admin key, or to recover one). It can do nothing else —
    /// not read incidents or configuration. Unset (the default): no operator; keep it in Key Vault in Azure.
    /// </summary>
    public string? OperatorKey { get; set; }

    /// <summary>
    /// The operator key when it is usable: set, and not the text of a Key Vault reference that did not resolve (that
    /// text is public, so it must never work as a key). Null otherwise: no operator.
    /// </summary>
    public string? UsableOperatorKey => Klaxon.Common.SecretSettings.IsSet(OperatorKey) ? OperatorKey : null;

    /// <summary>True when there is no usable key, or it is at least <see cref="MinOperatorKeyLength"/> characters.</summary>
    public bool IsStrongEnough => UsableOperatorKey is not { Length: < MinOperatorKeyLength };
}
