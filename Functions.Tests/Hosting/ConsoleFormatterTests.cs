using Klaxon.Common;
using Klaxon.DevHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaxon.Tests.Hosting;

/// <summary>
/// A webhook <c>Id</c> with a line break and an ESC sequence printed a fake "Admin key: …" line on the DevHost console
/// and cleared the terminal. Each log entry is now one line with every control character shown, not obeyed.
/// </summary>
public class ConsoleFormatterTests
{
    private const string Forged = "disk-full\n22:49:47 info DevHost: Admin key: attacker-chosen\u001b[2J\u001b[H\r\u202eevil";

    [Fact]
    public void A_message_with_line_breaks_and_escape_sequences_stays_one_line_with_them_shown()
    {
        var output = Format($"Accepted create for Id '{Forged}' from Webhook", scope: new LogScope(("request_id", "r1"), ("account", "15\u001b[31m")));

        var line = Assert.Single(output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(line, c => char.IsControl(c) || c == '\u202e');
        Assert.Contains(@"disk-full\n22:49:47 info DevHost: Admin key: attacker-chosen\u001b[2J\u001b[H\r\u202eevil", line, StringComparison.Ordinal);
        Assert.Contains(@"account=15\u001b[31m", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_keeps_its_lines_indented_under_the_entry_and_escapes_the_rest()
    {
        var output = Format("Apply failed", exception: new InvalidDataException("bad Id 'x\u001b[2J'\nforged line"));

        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("Apply failed", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("    ", line, StringComparison.Ordinal));
        Assert.DoesNotContain(output, c => c == '\u001b');
    }

    [Theory]
    [InlineData("Disk full on db1 — 98 % 🔥", "Disk full on db1 — 98 % 🔥")]
    [InlineData("a\tb", @"a\tb")]
    [InlineData("\u0085next", @"\u0085next")]
    [InlineData("zero\u200bwidth", @"zero\u200bwidth")]
    public void Ordinary_text_is_kept_and_invisible_characters_are_shown(string text, string expected) =>
        Assert.Equal(expected, ConsoleText.Escape(text));

    private static string Format(string message, LogScope? scope = null, Exception? exception = null)
    {
        var scopes = new LoggerExternalScopeProvider();
        using var pushed = scope is null ? null : scopes.Push(scope);
        using var writer = new StringWriter();
        new KlaxonConsoleFormatter().Write(
            new LogEntry<string>(LogLevel.Information, "Klaxon.Ingestion.WebhookIntake", new EventId(1), message, exception, (state, _) => state),
            scopes, writer);
        return writer.ToString();
    }
}
