using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Klaxon.Tests.Rig;

/// <summary>Every log entry and the Klaxon scopes around it, as text.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, string Scopes, string? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>Every entry as one text: category, message, scopes and exception.</summary>
    public string AllText() => string.Join("\n", Entries.Select(e => $"{e.Category}: {e.Message} [{e.Scopes}] {e.Exception}"));

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new StringBuilder();
            provider._scopes.ForEachScope((scope, text) => text.Append(scope).Append(' '), scopes);
            provider.Entries.Enqueue((category, formatter(state, exception), scopes.ToString(), exception?.ToString()));
        }
    }
}
