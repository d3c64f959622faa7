using Klaxon.Notifications.Delivery;
using Klaxon.Notifications.Twilio;

namespace Klaxon.Tests.Notifications.Twilio;

public class TwilioStatusMapTests
{
    [Theory]
    [InlineData("queued", DeliveryState.Queued)]
    [InlineData("accepted", DeliveryState.Queued)]
    [InlineData("scheduled", DeliveryState.Queued)]
    [InlineData("sending", DeliveryState.Sent)]
    [InlineData("sent", DeliveryState.Sent)]
    [InlineData("delivered", DeliveryState.Delivered)]
    [InlineData("read", DeliveryState.Delivered)]
    public void Message_statuses_map_forward(string status, DeliveryState state)
    {
        Assert.Equal(new TwilioStatusReport(state, null), TwilioStatusMap.MapMessage(status, null));
    }

    [Theory]
    [InlineData("undelivered", "30003", "error 30003")]
    [InlineData("failed", "30008", "error 30008")]
    [InlineData("failed", null, "failed")]
    [InlineData("canceled", null, "canceled")]
    [InlineData("undelivered", "<b>", "undelivered")]
    public void Message_failures_carry_the_error_code(string status, string? errorCode, string detail)
    {
        Assert.Equal(new TwilioStatusReport(DeliveryState.Failed, detail), TwilioStatusMap.MapMessage(status, errorCode));
    }

    [Theory]
    [InlineData("queued", DeliveryState.Queued, null)]
    [InlineData("initiated", DeliveryState.Sent, null)]
    [InlineData("ringing", DeliveryState.Sent, null)]
    [InlineData("in-progress", DeliveryState.Delivered, "answered")]
    [InlineData("completed", DeliveryState.Delivered, "answered, 35 s")]
    [InlineData("busy", DeliveryState.Failed, "busy")]
    [InlineData("no-answer", DeliveryState.Failed, "no-answer")]
    [InlineData("failed", DeliveryState.Failed, "failed")]
    [InlineData("canceled", DeliveryState.Failed, "canceled")]
    public void Call_statuses_map_forward(string status, DeliveryState state, string? detail)
    {
        Assert.Equal(new TwilioStatusReport(state, detail), TwilioStatusMap.MapCall(status, "35"));
    }

    [Fact]
    public void Unknown_statuses_and_callbacks_without_a_status_are_ignored()
    {
        Assert.Null(TwilioStatusMap.MapMessage("receiving", null));
        Assert.Null(TwilioStatusMap.MapCall("Completed", null));
        Assert.Null(TwilioStatusMap.Map(new TwilioRequest("https://x/twilio/status", new Dictionary<string, string> { ["MessageSid"] = "SM1" })));
        Assert.Equal(DeliveryState.Delivered, TwilioStatusMap.Map(new TwilioRequest("https://x", new Dictionary<string, string> { ["CallStatus"] = "completed" }))!.State);
    }
}
