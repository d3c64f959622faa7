namespace Klaxon.DevHost;

/// <summary>
/// <c>dotnet run --project DevHost -- vapid-keys</c>: prints a fresh VAPID key pair as the two app settings the push
/// channel reads. The private key is printed because that is the point: paste it into Key Vault, not into a chat.
/// </summary>
public static class VapidKeysCommand
{
    public const string Name = "vapid-keys";

    public static int Run(TextWriter output)
    {
        var keys = VapidKeys.Generate();
        output.WriteLine($"Notifications__WebPush__VapidPublicKey={keys.PublicKey}");
        output.WriteLine($"Notifications__WebPush__VapidPrivateKey={keys.PrivateKey}");
        return 0;
    }
}
