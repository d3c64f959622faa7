using System.Text.Json;
using Klaxon.Common;

namespace Klaxon.Accounts;

/// <summary>
/// The body that creates a credential: <c>{"name": "deploy bot", "role": "responder"}</c> for an API key,
/// <c>{"name": "alice's phone"}</c> for a calendar token (always read-only). Unknown fields are refused, so a typo
/// such as <c>"roles"</c> cannot silently create a weaker or stronger key than meant.
/// </summary>
public sealed record CredentialRequest(string Name, ApiRole Role)
{
    /// <summary>Longest name: 100 characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Largest body read: 4 KiB.</summary>
    public const int MaxBodyBytes = 4 * 1024;

    /// <summary>The request, or the problems with it (each naming its field).</summary>
    public static (CredentialRequest? Request, IReadOnlyList<FieldError> Errors) Parse(JsonElement root, CredentialKind kind)
    {
        var errors = new List<FieldError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, [new FieldError("$", "must be a JSON object")]);
        }
        string? name = null;
        var role = ApiRole.ReadOnly;
        var roleSeen = false;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "name":
                    name = ReadName(property.Value, errors);
                    break;
                case "role" when kind == CredentialKind.ApiKey:
                    roleSeen = true;
                    if (property.Value.ValueKind != JsonValueKind.String || !WireNames.TryParse(property.Value.GetString(), out role))
                    {
                        errors.Add(new FieldError("role", $"must be {WireNames.Allowed<ApiRole>()}"));
                    }
                    break;
                default:
                    errors.Add(new FieldError(property.Name, kind == CredentialKind.ApiKey
                        ? "is not a field of an API key; allowed: name, role"
                        : "is not a field of a calendar token; allowed: name (calendar tokens are always read-only)"));
                    break;
            }
        }
        if (name is null && !errors.Exists(e => e.Field == "name"))
        {
            errors.Add(new FieldError("name", "is required: say who or what will use it"));
        }
        if (kind == CredentialKind.ApiKey && !roleSeen)
        {
            errors.Add(new FieldError("role", $"is required: {WireNames.Allowed<ApiRole>()}"));
        }
        return errors.Count > 0 ? (null, errors) : (new CredentialRequest(name!, role), []);
    }

    private static string? ReadName(JsonElement value, List<FieldError> errors)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        if (text is not { Length: > 0 and <= MaxNameLength } || text.Any(char.IsControl))
        {
            errors.Add(new FieldError("name", $"must be text of 1 to {MaxNameLength} characters without control characters"));
            return null;
        }
        return text;
    }
}
