namespace Klaxon.Common;

/// <summary>
/// Reading settings that hold secrets. A Key Vault reference to a secret that was never set, or that the platform
/// could not read, reaches the app as the literal <c>@Microsoft.KeyVault(...)</c> text: that means "not configured",
/// never a credential (it is public: anyone can read it from the template).
/// </summary>
public static class SecretSettings
{
    /// <summary>True when a setting has a usable value.</summary>
    public static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value) && !IsUnresolvedReference(value);

    /// <summary>The text a Key Vault reference leaves when the platform could not resolve it (<c>/api/health</c> names such settings).</summary>
    public static bool IsUnresolvedReference(string? value) =>
        value?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true;
}
