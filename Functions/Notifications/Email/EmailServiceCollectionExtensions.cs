using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Notifications.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>The email channel (SendGrid), its action links and its event webhook.</summary>
    public static IServiceCollection AddEmailChannel(this IServiceCollection services) => services;
}
