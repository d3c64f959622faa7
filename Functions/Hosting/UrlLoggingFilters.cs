using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Klaxon.Hosting;

/// <summary>
/// Keeps the worker from logging whole request and outbound URLs, which carry tokens (webhook and heartbeat paths,
/// <c>?t=</c>, <c>?s=</c>, <c>?code=</c>) and capability URLs (push endpoints). What the Functions host and Application
/// Insights record on their own is in docs/security.md (What is logged).
/// </summary>
public static class UrlLoggingFilters
{
    /// <summary>
    /// <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>: off. Besides its "Request starting POST …/{token}" lines, while
    /// it is on at any level ASP.NET Core opens a scope with <c>RequestPath</c> around every entry of the request,
    /// Klaxon's own included, and loggers that record scopes store the token with each. Off, that scope is not created.
    /// <c>System.Net.Http.HttpClient</c>: from Warning ("Sending HTTP request POST https://push-service/…" names each
    /// push endpoint, a capability URL).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, LogLevel> Levels = new Dictionary<string, LogLevel>(StringComparer.Ordinal)
    {
        ["Microsoft.AspNetCore.Hosting.Diagnostics"] = LogLevel.None,
        ["System.Net.Http.HttpClient"] = LogLevel.Warning,
    };

    public static IServiceCollection AddUrlLoggingFilters(this IServiceCollection services)
    {
        services.Configure<LoggerFilterOptions>(options =>
        {
            foreach (var (category, level) in Levels)
            {
                options.AddFilter(category, level);
            }
        });
        return services;
    }
}
