using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Incidents;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications.Channels;
using Klaxon.Notifications.Email;
using Klaxon.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Notifications.Email;

public class EmailContentTests
{
    private static OutgoingPage Page(params PagedIncident[] incidents) =>
        new("job-1", "acct1", "alice", "Alice", NotificationChannel.Email, "alice@example.com", incidents);

    private static ActionLinks Links(string? signingKey = "0123456789abcdef0123456789abcdef", string? baseUrl = "https://klaxon.example.test") => new(
        Options.Create(new NotificationsOptions { EmailLinks = { SigningKey = signingKey } }),
        Options.Create(new KlaxonOptions { PublicBaseUrl = baseUrl }),
        new FakeTimeProvider(DateTimeOffset.Parse("2025-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Subject_names_number_urgency_and_title()
    {
        var content = EmailContent.Create(Page(new PagedIncident("acct1", 42, "Database down", Urgency.High)), Links());

        Assert.Equal("[Klaxon] #42 [HIGH] Database down", content.Subject);
    }

    [Fact]
    public void Subject_is_one_line_without_control_characters_and_capped()
    {
        var title = "Disk\r\nBcc: victim@example.com\t\u0007full " + new string('x', 400);

        var subject = EmailContent.Create(Page(new PagedIncident("acct1", 7, title, Urgency.Low)), Links()).Subject;

        Assert.DoesNotContain(subject, char.IsControl);
        Assert.StartsWith("[Klaxon] #7 [LOW] Disk Bcc: victim@example.com full xxx", subject);
        Assert.Equal(EmailContent.MaxSubjectLength, subject.Length);
        Assert.EndsWith("…", subject);
    }

    [Fact]
    public void Html_body_encodes_incident_text_from_webhooks()
    {
        var page = Page(new PagedIncident("acct1", 42, "<script>alert(1)</script> & \"quotes\"", Urgency.Critical)) with { UserName = "<b>Alice</b>" };

        var content = EmailContent.Create(page, Links());

        Assert.DoesNotContain("<script>", content.Html);
        Assert.DoesNotContain("<b>Alice</b>", content.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;", content.Html);
        Assert.Contains("<script>alert(1)</script>", content.Text); // plain text is shown as text
    }

    [Fact]
    public void Bodies_link_to_acknowledge_and_resolve_when_links_are_configured()
    {
        var links = Links();
        var content = EmailContent.Create(Page(new PagedIncident("acct1", 42, "Database down", Urgency.High)), links);

        var urls = LinkUrls(content.Text);
        Assert.Equal(2, urls.Count);
        Assert.True(links.TryVerify(Token(urls["Acknowledge"]), out var acknowledge, out _));
        Assert.Equal(new VerifiedAction("acct1", 42, "alice", IncidentActionKind.Acknowledge, "email"), acknowledge);
        Assert.True(links.TryVerify(Token(urls["Resolve"]), out var resolve, out _));
        Assert.Equal(IncidentActionKind.Resolve, resolve!.Action);
        Assert.Contains($"href=\"{urls["Acknowledge"]}\"", content.Html);
        Assert.Contains($"href=\"{urls["Resolve"]}\"", content.Html);
        Assert.StartsWith("https://klaxon.example.test/actions?t=", urls["Resolve"]);
    }

    [Theory]
    [InlineData(null, "https://klaxon.example.test")]
    [InlineData("0123456789abcdef0123456789abcdef", null)]
    public void Without_links_the_bodies_point_to_the_api_and_other_channels(string? signingKey, string? baseUrl)
    {
        var content = EmailContent.Create(Page(new PagedIncident("acct1", 42, "Database down", Urgency.High)), Links(signingKey, baseUrl));

        Assert.DoesNotContain("/actions?t=", content.Text);
        Assert.DoesNotContain("/actions?t=", content.Html);
        Assert.Contains("management API (POST api/accounts/acct1/incidents/42/acknowledge)", content.Text);
        Assert.Contains("another channel", content.Html);
    }

    [Fact]
    public void Summary_lists_every_incident_with_its_own_links()
    {
        var links = Links();
        var page = Page(
            new PagedIncident("acct1", 43, "API slow", Urgency.Medium),
            new PagedIncident("acct1", 42, "Database down", Urgency.High),
            new PagedIncident("acct2", 5, "Other account", Urgency.Low));

        var content = EmailContent.Create(page, links);

        Assert.StartsWith("[Klaxon] 3 incidents: #43 [MEDIUM] API slow, #42 [HIGH] Database down, #5 [LOW] Other account", content.Subject);
        Assert.Contains("paged about 3 incidents", content.Text);
        var tokens = content.Text.Split('\n').Where(l => l.Contains("/actions?t=", StringComparison.Ordinal))
            .Select(l => Token(l[(l.IndexOf("https://", StringComparison.Ordinal))..].Trim())).ToList();
        // Links only for the page's own account: the same user id elsewhere may be someone else.
        Assert.Equal(4, tokens.Count);
        var granted = tokens.Select(t => links.TryVerify(t, out var a, out _) ? a! : null).ToList();
        Assert.All(granted, a => Assert.Equal("acct1", a!.AccountId));
        Assert.Equal([43L, 43L, 42L, 42L], granted.Select(a => a!.Number));
        Assert.Contains("management API (POST api/accounts/acct2/incidents/5/acknowledge)", content.Text);
        Assert.Contains("#5 [LOW] Other account", content.Html);
    }

    private static Dictionary<string, string> LinkUrls(string text) => text.Split('\n')
        .Select(line => line.Trim().Split(": ", 2))
        .Where(parts => parts.Length == 2 && parts[1].StartsWith("https://", StringComparison.Ordinal))
        .ToDictionary(parts => parts[0], parts => parts[1]);

    private static string Token(string url) => url[(url.IndexOf("?t=", StringComparison.Ordinal) + 3)..];
}
