using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Hosting;

/// <summary>
/// Keeps the worker from logging whole request and outbound URLs, which carry tokens (webhook and heartbeat paths,
/// <c>?t=</c>, <c>?s=</c>, <c>?code=</c>) and capability URLs (push endpoints): ASP.NET Core's "Request starting …"
/// lines and HttpClient's "Sending HTTP request …" lines are kept from Warning up only. What the Functions host and
/// Application Insights record on their own is in docs/security-logging.md.
/// </summary>
public static class UrlLoggingFilters
{
    /// <summary>Categories that log full URLs at Information, and the level they are logged from: Warning.</summary>
    public static readonly IReadOnlyList<string> Categories = ["Microsoft.AspNetCore.Hosting.Diagnostics", "System.Net.Http.HttpClient"];

    public const LogLevel MinimumLevel = LogLevel.Warning;

    public static IServiceCollection AddUrlLoggingFilters(this IServiceCollection services)
    {
        services.Configure<LoggerFilterOptions>(options =>
        {
            foreach (var category in Categories)
            {
                options.AddFilter(category, MinimumLevel);
            }
        });
        return services;
    }
}
