using Klaxon.Incidents;
using Klaxon.Notifications.Sms;
using Klaxon.Notifications.Twilio;

namespace Klaxon.Tests.Notifications.Sms;

public class SmsReplyParserTests
{
    [Theory]
    [InlineData("42a", 42L, IncidentActionKind.Acknowledge)]
    [InlineData("42 a", 42L, IncidentActionKind.Acknowledge)]
    [InlineData("42A", 42L, IncidentActionKind.Acknowledge)]
    [InlineData("#42a", 42L, IncidentActionKind.Acknowledge)]
    [InlineData("  #42 ack\n", 42L, IncidentActionKind.Acknowledge)]
    [InlineData("42 Acknowledge", 42L, IncidentActionKind.Acknowledge)]
    [InlineData("42r", 42L, IncidentActionKind.Resolve)]
    [InlineData("7 RES", 7L, IncidentActionKind.Resolve)]
    [InlineData("9999999999resolve", 9_999_999_999L, IncidentActionKind.Resolve)]
    [InlineData("a", null, IncidentActionKind.Acknowledge)]
    [InlineData(" R ", null, IncidentActionKind.Resolve)]
    [InlineData("ack", null, IncidentActionKind.Acknowledge)]
    public void Accepts_the_documented_forms(string body, long? number, IncidentActionKind action)
    {
        Assert.Equal(new SmsReply(SmsReplyKind.Action, number, action), SmsReplyParser.Parse(body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("#a")]
    [InlineData("a42")]
    [InlineData("42a thanks")]
    [InlineData("42 a r")]
    [InlineData("42ar")]
    [InlineData("0a")]
    [InlineData("10000000000a")]
    [InlineData("42\na")]
    [InlineData("ok")]
    [InlineData("yes")]
    [InlineData("help")]
    [InlineData("-42a")]
    [InlineData("٤٢a")] // Arabic-Indic digits are not incident numbers.
    public void Anything_else_is_help(string? body)
    {
        Assert.Equal(SmsReplyKind.Help, SmsReplyParser.Parse(body).Kind);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData(" Unsubscribe ")]
    [InlineData("quit")]
    public void Opt_out_keywords_get_no_reply(string body)
    {
        Assert.Equal(SmsReplyKind.OptOut, SmsReplyParser.Parse(body).Kind);
    }
}
