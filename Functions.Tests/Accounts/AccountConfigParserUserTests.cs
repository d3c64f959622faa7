using System.Text.Json.Nodes;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

public class AccountConfigParserUserTests
{
    [Fact]
    public void User_name_is_required()
    {
        var document = Example();
        document.User(1).Remove("name");

        AssertSingleError(document, "$.users[1].name", "is required");
    }

    [Fact]
    public void User_id_is_required()
    {
        var document = Example();
        document["users"]!.AsArray().Add(new JsonObject { ["name"] = "Nobody" });

        AssertSingleError(document, "$.users[3].id", "is required");
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice@example")]
    [InlineData("@example.com")]
    [InlineData("alice@@example.com")]
    [InlineData("alice@bob@example.com")]
    [InlineData("al ice@example.com")]
    [InlineData("alice@example..com")]
    [InlineData("alice@.example.com")]
    [InlineData("alice@example.com.")]
    public void Email_must_look_like_an_address(string email)
    {
        var document = Example();
        document.User(1)["email"] = email;

        AssertSingleError(document, "$.users[1].email", "must be an email address");
    }

    [Fact]
    public void Email_is_at_most_254_characters()
    {
        var document = Example();
        var domain = "@example.com";
        document.User(1)["email"] = new string('a', 254 - domain.Length) + domain;
        Assert.True(Parse(document).IsValid);

        document.User(1)["email"] = new string('a', 255 - domain.Length) + domain;
        AssertSingleError(document, "$.users[1].email", "must be an email address");
    }

    [Theory]
    [InlineData("5551230001")]
    [InlineData("+05551230001")]
    [InlineData("+1 555 123 0001")]
    [InlineData("+1-555-123-0001")]
    [InlineData("+123456")]
    [InlineData("+1234567890123456")]
    [InlineData("+1555١٢٣٠٠٠١")]
    public void Phone_must_be_E164(string phone)
    {
        var document = Example();
        document.User(1)["phone"] = phone;

        AssertSingleError(document, "$.users[1].phone", "must be an E.164 phone number such as +15551230001");
    }

    [Theory]
    [InlineData("+1234567")]
    [InlineData("+123456789012345")]
    public void Phone_accepts_7_to_15_digits(string phone)
    {
        var document = Example();
        document.User(1)["phone"] = phone;

        Assert.True(Parse(document).IsValid);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("localtime")]
    [InlineData("../../etc/passwd")]
    public void Time_zone_must_be_known(string zone)
    {
        var document = Example();
        document.User(1)["timeZone"] = zone;

        AssertSingleError(document, "$.users[1].timeZone", "must be a known IANA time zone id");
    }

    [Fact]
    public void Time_zone_must_be_spelled_exactly()
    {
        var document = Example();
        document.User(1)["timeZone"] = "europe/berlin";

        AssertSingleError(document, "$.users[1].timeZone", "'Europe/Berlin'");
    }

    [Fact]
    public void Notification_rules_must_be_an_object()
    {
        var document = Example();
        document.User(0)["notificationRules"] = new JsonArray();

        AssertSingleError(document, "$.users[0].notificationRules", "must be an object");
    }

    [Fact]
    public void Notification_rule_keys_must_be_urgencies()
    {
        var document = Example();
        document.User(0)["notificationRules"]!["urgent"] = new JsonArray(new JsonObject { ["channel"] = "sms" });

        AssertSingleError(document, "$.users[0].notificationRules.urgent", "unknown urgency (allowed: low, medium, high, critical)");
    }

    [Fact]
    public void There_are_no_notification_rules_for_silent_incidents_because_they_page_nobody()
    {
        var document = Example();
        document.User(0)["notificationRules"]!["silent"] = new JsonArray(new JsonObject { ["channel"] = "sms" });

        AssertSingleError(document, "$.users[0].notificationRules.silent", "unknown urgency (allowed: low, medium, high, critical)");
    }

    [Fact]
    public void Notification_rule_keys_are_lower_case()
    {
        var document = Example();
        document.User(0)["notificationRules"]!["Medium"] = new JsonArray(new JsonObject { ["channel"] = "sms" });

        AssertSingleError(document, "$.users[0].notificationRules.Medium", "unknown urgency (did you mean 'medium'?");
    }

    [Fact]
    public void Notification_rule_needs_at_least_one_step()
    {
        var document = Example();
        document.User(0)["notificationRules"]!["high"] = new JsonArray();

        AssertSingleError(document, "$.users[0].notificationRules.high", "must have at least one step");
    }

    [Fact]
    public void Notification_rule_must_be_an_array()
    {
        var document = Example();
        document.User(0)["notificationRules"]!["high"] = new JsonObject { ["channel"] = "sms" };

        AssertSingleError(document, "$.users[0].notificationRules.high", "must be an array");
    }

    [Fact]
    public void Step_channel_is_required()
    {
        var document = Example();
        document.User(0)["notificationRules"]!["high"]![1]!.AsObject().Remove("channel");

        AssertSingleError(document, "$.users[0].notificationRules.high[1].channel", "is required");
    }

    [Theory]
    [InlineData("pager")]
    [InlineData("SMS")]
    [InlineData("")]
    public void Step_channel_must_be_known(string channel)
    {
        var document = Example();
        document.User(0)["notificationRules"]!["high"]![1]!["channel"] = channel;

        AssertSingleError(document, "$.users[0].notificationRules.high[1].channel", "must be one of sms, voice, email or push");
    }

    [Theory]
    [InlineData("-PT1M", "must not be negative")]
    [InlineData("2 minutes", "must be an ISO 8601 duration")]
    [InlineData("P1M", "use days or weeks")]
    public void Step_after_must_be_a_non_negative_duration(string after, string rule)
    {
        var document = Example();
        document.User(0)["notificationRules"]!["high"]![1]!["after"] = after;

        AssertSingleError(document, "$.users[0].notificationRules.high[1].after", rule);
    }

    [Fact]
    public void Sms_and_voice_steps_require_a_phone()
    {
        var document = Example();
        document.User(0).Remove("phone");

        var result = Parse(document);

        Assert.Equal(
            ["$.users[0].notificationRules.high[0].channel", "$.users[0].notificationRules.high[1].channel"],
            result.Errors.Select(e => e.Field));
        Assert.Contains("channel 'sms' requires the user to have a phone ($.users[0].phone)", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("channel 'voice' requires the user to have a phone", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_steps_require_an_email()
    {
        var document = Example();
        document.User(0).Remove("email");

        AssertSingleError(document, "$.users[0].notificationRules.low[0].channel", "channel 'email' requires the user to have an email ($.users[0].email)");
    }

    [Fact]
    public void Push_steps_need_no_contact_details()
    {
        var document = Example();
        document.User(1).Remove("email");
        document.User(1)["notificationRules"] = new JsonObject { ["medium"] = new JsonArray(new JsonObject { ["channel"] = "push" }) };

        Assert.True(Parse(document).IsValid);
    }

    [Fact]
    public void An_invalid_phone_is_reported_once_not_again_on_each_step()
    {
        var document = Example();
        document.User(0)["phone"] = "12345";

        AssertSingleError(document, "$.users[0].phone", "E.164");
    }
}
