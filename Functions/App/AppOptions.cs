namespace Klaxon.App;

/// <summary>Settings of the responder app, section <c>Klaxon:App</c>.</summary>
public sealed class AppOptions
{
    public const string Section = "Klaxon:App";

    /// <summary>
    /// True only when App Service Authentication ("Easy Auth") runs in front of the app: the platform then removes any
    /// <c>X-MS-CLIENT-PRINCIPAL</c> a client sends and sets its own. Default false: the header is then refused, since
    /// anyone could write it. Set by the Bicep template together with <c>authsettingsV2</c>, and by DevHost's local
    /// sign-in (which plays the platform's part).
    /// </summary>
    public bool PlatformAuthentication { get; set; }

    /// <summary>Where the app sends a person who is not signed in. Default <c>/.auth/login/aad</c> (Easy Auth with Entra ID).</summary>
    public string SignInUrl { get; set; } = "/.auth/login/aad";

    /// <summary>Where "Sign out" goes. Default <c>/.auth/logout</c>.</summary>
    public string SignOutUrl { get; set; } = "/.auth/logout";
}
