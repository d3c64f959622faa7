using System.Text.Json.Nodes;
using Klaxon.Accounts;
using Klaxon.Common;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Outgoing;

/// <summary>The <c>outgoingWebhooks</c> and teams' <c>chat</c> parts of the account document: rules, defaults, and what each form writes.</summary>
public class OutgoingConfigTests
{
    private static JsonObject WithWebhook(JsonObject webhook)
    {
        var document = Example();
        document["outgoingWebhooks"] = new JsonArray(webhook);
        return document;
    }

    [Fact]
    public void A_webhook_subscribes_to_every_event_and_is_enabled_unless_it_says_otherwise()
    {
        var config = ParseValid(WithWebhook(new JsonObject { ["id"] = "hook", ["url"] = "https://hooks.example.com/klaxon" }).ToJsonString());

        var webhook = Assert.Single(config.OutgoingWebhooks);
        Assert.Equal(Enum.GetValues<IncidentEventKind>(), webhook.Events);
        Assert.True(webhook.Enabled);
        Assert.Null(webhook.Secret);
    }

    [Fact]
    public void Events_are_read_by_their_wire_names()
    {
        var config = ParseValid(WithWebhook(new JsonObject
        {
            ["id"] = "hook", ["url"] = "https://hooks.example.com/", ["events"] = new JsonArray("acknowledged", "noteAdded", "acknowledged"), ["enabled"] = false,
        }).ToJsonString());

        Assert.Equal([IncidentEventKind.Acknowledged, IncidentEventKind.NoteAdded], config.OutgoingWebhooks[0].Events);
        Assert.False(config.OutgoingWebhooks[0].Subscribes(IncidentEventKind.Acknowledged));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("https://user:pass@hooks.example.com/")]
    [InlineData("https://hooks.example.com/#fragment")]
    [InlineData("/relative")]
    public void A_url_must_be_an_absolute_https_url(string url)
    {
        AssertSingleError(WithWebhook(new JsonObject { ["id"] = "hook", ["url"] = url }), "$.outgoingWebhooks[0].url", "must be an absolute https URL");
    }

    [Fact]
    public void An_unknown_event_is_named_at_its_index()
    {
        AssertSingleError(WithWebhook(new JsonObject { ["id"] = "hook", ["url"] = "https://h.example.com/", ["events"] = new JsonArray("opened", "exploded") }),
            "$.outgoingWebhooks[0].events[1]", "must be one of opened, alertAdded, acknowledged, resolved, reopened, escalated or noteAdded");
    }

    [Fact]
    public void Events_must_not_be_empty()
    {
        AssertSingleError(WithWebhook(new JsonObject { ["id"] = "hook", ["url"] = "https://h.example.com/", ["events"] = new JsonArray() }),
            "$.outgoingWebhooks[0].events", "must name at least one event");
    }

    [Fact]
    public void A_secret_in_the_document_must_be_long_enough()
    {
        AssertSingleError(WithWebhook(new JsonObject { ["id"] = "hook", ["url"] = "https://h.example.com/", ["secret"] = "short" }),
            "$.outgoingWebhooks[0].secret", "must be 32 to 128 characters");
    }

    [Fact]
    public void Webhook_ids_are_unique_and_unknown_properties_are_refused()
    {
        var document = Example();
        document["outgoingWebhooks"] = new JsonArray(
            new JsonObject { ["id"] = "hook", ["url"] = "https://a.example.com/" },
            new JsonObject { ["id"] = "HOOK", ["url"] = "https://b.example.com/", ["headers"] = "x" });

        var errors = Parse(document).Errors;

        Assert.Contains(errors, e => e.Field == "$.outgoingWebhooks[1].id");
        Assert.Contains(errors, e => e.Field == "$.outgoingWebhooks[1].headers");
    }

    [Fact]
    public void A_team_chat_channel_needs_a_known_kind_and_a_url()
    {
        var document = Example();
        document.Team(0)["chat"] = new JsonArray(new JsonObject { ["kind"] = "discord", ["url"] = "https://x.example.com/" }, new JsonObject { ["kind"] = "slack" });

        var errors = Parse(document).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Field == "$.teams[0].chat[0].kind" && e.Message == "must be slack or teams");
        Assert.Contains(errors, e => e.Field == "$.teams[0].chat[1].url" && e.Message == "is required");
    }

    [Fact]
    public void The_public_form_never_shows_a_secret_and_the_stored_form_keeps_it()
    {
        var secret = new string('s', 40);
        var document = WithWebhook(new JsonObject { ["id"] = "hook", ["url"] = "https://h.example.com/", ["secret"] = secret, ["events"] = new JsonArray("opened") });
        document.Team(0)["chat"] = new JsonArray(new JsonObject { ["kind"] = "teams", ["url"] = "https://t.example.com/workflows/1" });
        var config = ParseValid(document.ToJsonString());

        var shown = AccountConfigSerializer.ToPublicJson(config);
        var stored = AccountConfigSerializer.ToStoredJson(config);

        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.Contains(secret, stored, StringComparison.Ordinal);
        var read = AccountConfigSerializer.FromStoredJson(stored);
        Assert.Equal(config.OutgoingWebhooks, read.OutgoingWebhooks);
        Assert.Equal(config.Teams, read.Teams);
        Assert.Equal(ChatKind.Teams, read.Teams[0].Chat[0].Kind);
        var reparsed = ParseValid(shown);
        Assert.Equal([config.OutgoingWebhooks[0] with { Secret = null }], reparsed.OutgoingWebhooks);
        Assert.Equal(config.Teams, reparsed.Teams);
    }

    [Fact]
    public void Documents_without_outgoing_parts_are_written_as_before()
    {
        var config = ParseValid(ExampleJson);

        Assert.DoesNotContain("outgoingWebhooks", AccountConfigSerializer.ToStoredJson(config), StringComparison.Ordinal);
        Assert.DoesNotContain("\"chat\"", AccountConfigSerializer.ToPublicJson(config), StringComparison.Ordinal);
    }
}
