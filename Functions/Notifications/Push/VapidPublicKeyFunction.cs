using Klaxon.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Klaxon.Notifications.Push;

/// <summary>
/// <c>GET push/vapid-public-key</c>: <c>{"publicKey":"..."}</c>, the <c>applicationServerKey</c> a web app passes to
/// <c>pushManager.subscribe</c>. Anonymous because the key is public by design; 404 when push is not configured.
/// </summary>
public sealed class VapidPublicKeyFunction(IOptions<NotificationsOptions> options)
{
    [Function("GetVapidPublicKey")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "push/vapid-public-key")] HttpRequest request)
    {
        var webPush = options.Value.WebPush;
        return webPush.IsConfigured ? JsonResponses.Json(200, new PublicKeyBody(webPush.VapidPublicKey!)) : JsonResponses.NotFound();
    }

    private sealed record PublicKeyBody(string PublicKey);
}
