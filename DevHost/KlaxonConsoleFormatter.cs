using Klaxon.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Klaxon.DevHost;

/// <summary>
/// One readable line per log entry: time, level, short category, message, then Klaxon's correlation values
/// (<c>request_id</c>, <c>account</c>, <c>integration</c>, <c>incident</c>). ASP.NET's own scopes (trace ids,
/// connection ids) are left out; they say nothing about incidents. Every part goes through
/// <see cref="SecretRedaction"/>, so a token in a URL that reaches a message, a scope or an exception is masked.
/// </summary>
public sealed class KlaxonConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "klaxon";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }
        var scopes = new List<string>();
        scopeProvider?.ForEachScope((scope, list) =>
        {
            if (scope is LogScope klaxon)
            {
                list.Add(ConsoleText.Escape(SecretRedaction.Redact(klaxon.ToString())!));
            }
        }, scopes);
        var category = logEntry.Category[(logEntry.Category.LastIndexOf('.') + 1)..];
        // Messages carry what senders wrote (ids, titles): one entry stays one line, with nothing the terminal obeys.
        textWriter.Write($"{DateTime.Now:HH:mm:ss} {Level(logEntry.LogLevel)} {category}: {(message is null ? null : ConsoleText.Escape(SecretRedaction.Redact(message)!))}");
        if (scopes.Count > 0)
        {
            textWriter.Write($"  [{string.Join(' ', scopes)}]");
        }
        textWriter.WriteLine();
        if (logEntry.Exception is { } exception)
        {
            // A stack trace keeps its lines, each indented under its entry; a sender's text in the message cannot start one.
            foreach (var line in SecretRedaction.Redact(exception.ToString())!.Split('\n'))
            {
                textWriter.WriteLine("    " + ConsoleText.Escape(line.TrimEnd('\r')));
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "FAIL",
        LogLevel.Critical => "CRIT",
        _ => "    ",
    };
}
