using System.Text;
using System.Text.Json;

namespace Klaxon.App;

/// <summary>
/// Reads the person from App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header: base64 of
/// <c>{"auth_typ","name_typ","role_typ","claims":[{"typ","val"}]}</c>. Only the sign-in name and display name are used;
/// roles come from the account document, not from the identity provider.
/// </summary>
public static class ClientPrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Claims tried in order for the sign-in name: Entra ID puts the UPN/email in <c>preferred_username</c>.</summary>
    private static readonly string[] SignInNameClaims =
    [
        "preferred_username",
        "email",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    /// <summary>Decodes <paramref name="header"/>; null when it is not a principal or names nobody.</summary>
    public static SignedInPerson? TryRead(string header)
    {
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(header.Trim()));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var values = new List<(string Type, string Value)>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object
                    && claim.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String
                    && claim.TryGetProperty("val", out var val) && val.ValueKind == JsonValueKind.String)
                {
                    values.Add((typ.GetString()!, val.GetString()!));
                }
            }
            var nameType = root.TryGetProperty("name_typ", out var nt) && nt.ValueKind == JsonValueKind.String ? nt.GetString() : null;
            var signInName = SignInNameClaims.Append(nameType).OfType<string>()
                .Select(type => values.FirstOrDefault(v => v.Type == type && v.Value.Length > 0).Value)
                .FirstOrDefault(v => v is not null);
            if (signInName is null)
            {
                return null;
            }
            var display = values.FirstOrDefault(v => v.Type == "name").Value ?? signInName;
            return new SignedInPerson(signInName, display);
        }
        catch (Exception failure) when (failure is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A principal header for <paramref name="signInName"/>, as Easy Auth writes it (DevHost's local sign-in and tests).</summary>
    public static string Write(string signInName, string displayName)
    {
        var json = JsonSerializer.Serialize(new
        {
            auth_typ = "local",
            name_typ = "preferred_username",
            role_typ = "roles",
            claims = new[] { new { typ = "preferred_username", val = signInName }, new { typ = "name", val = displayName } },
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}

/// <summary>Who the platform says signed in.</summary>
/// <param name="SignInName">Email address or UPN, matched against users' <c>logins</c> ignoring case.</param>
public sealed record SignedInPerson(string SignInName, string DisplayName);
