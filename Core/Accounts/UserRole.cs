namespace Klaxon.Accounts;

/// <summary>What a signed-in person may do in the responder app for the account that lists them.</summary>
public enum UserRole
{
    /// <summary>The default: see the account, act on its incidents, manage their own push devices.</summary>
    Responder,

    /// <summary>Everything a responder may, and also read and replace the account's configuration document.</summary>
    Admin,
}
