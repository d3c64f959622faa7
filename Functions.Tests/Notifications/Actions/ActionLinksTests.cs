using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Incidents;
using Klaxon.Notifications.Actions;
using Klaxon.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Klaxon.Tests.Notifications.Actions;

public class ActionLinksTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2025-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private ActionLinks Links(string key = Key) => new(
        Options.Create(new NotificationsOptions { EmailLinks = { SigningKey = key, Lifetime = TimeSpan.FromHours(24) } }),
        Options.Create(new KlaxonOptions { PublicBaseUrl = "https://klaxon.example.test/" }),
        _time);

    [Fact]
    public void A_created_link_verifies_to_what_it_grants()
    {
        var url = Links().CreateUrl("acct1", 42, "alice", IncidentActionKind.Resolve, "email");

        Assert.StartsWith("https://klaxon.example.test/actions?t=", url);
        Assert.True(Links().TryVerify(url[(url.IndexOf("?t=", StringComparison.Ordinal) + 3)..], out var action, out var error));
        Assert.Null(error);
        Assert.Equal(new VerifiedAction("acct1", 42, "alice", IncidentActionKind.Resolve, "email"), action);
    }

    [Fact]
    public void A_link_works_until_its_lifetime_is_over()
    {
        var token = Links().CreateToken("acct1", 42, "alice", IncidentActionKind.Acknowledge, "email");

        _time.Advance(TimeSpan.FromHours(24));
        Assert.True(Links().TryVerify(token, out _, out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(Links().TryVerify(token, out var action, out var error));
        Assert.Null(action);
        Assert.Contains("expired", error);
    }

    [Fact]
    public void A_changed_payload_fails_the_signature()
    {
        var token = Links().CreateToken("acct1", 42, "alice", IncidentActionKind.Acknowledge, "email");
        var other = Links().CreateToken("acct1", 43, "alice", IncidentActionKind.Resolve, "email");
        // The grant of another incident with the first token's signature.
        var tampered = other[..other.IndexOf('.')] + token[token.IndexOf('.')..];

        Assert.False(Links().TryVerify(tampered, out var action, out var error));
        Assert.Null(action);
        Assert.Equal("The link's signature is not valid.", error);
    }

    [Fact]
    public void A_link_signed_with_another_key_fails()
    {
        var token = Links("another-key-another-key-another-key").CreateToken("acct1", 42, "alice", IncidentActionKind.Acknowledge, "email");

        Assert.False(Links().TryVerify(token, out _, out var error));
        Assert.Equal("The link's signature is not valid.", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot-at-all")]
    [InlineData(".signature-only")]
    public void An_incomplete_link_fails(string? token)
    {
        Assert.False(Links().TryVerify(token, out _, out var error));
        Assert.Contains("incomplete", error);
    }

    [Fact]
    public void A_truncated_link_fails()
    {
        var token = Links().CreateToken("acct1", 42, "alice", IncidentActionKind.Acknowledge, "email");

        foreach (var cut in new[] { token.Length - 1, token.Length - 10, token.IndexOf('.') + 1, token.IndexOf('.') - 3 })
        {
            Assert.False(Links().TryVerify(token[..cut], out var action, out var error));
            Assert.Null(action);
            Assert.NotNull(error);
        }
    }
}
