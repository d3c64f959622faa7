using System.Xml.Linq;
using Klaxon.Http;
using Klaxon.Notifications.Twilio;

namespace Klaxon.Tests.Notifications.Twilio;

public class TwimlResponsesTests
{
    [Fact]
    public void Text_and_urls_are_escaped_and_control_characters_dropped()
    {
        var message = XmlResponses.Xml(TwimlResponses.Message("Acknowledging #1 (<script>&\u0001\"x\")."));
        Assert.Equal("text/xml; charset=utf-8", message.ContentType);
        Assert.Equal("Acknowledging #1 (<script>&\"x\").", XDocument.Parse(message.Content!).Root!.Element("Message")!.Value);

        var gather = XmlResponses.Xml(TwimlResponses.Gather("https://k.example/twilio/voice/gather?a=x&n=1", "Press 4.", "Goodbye."));
        Assert.Contains("action=\"https://k.example/twilio/voice/gather?a=x&amp;n=1\"", gather.Content, StringComparison.Ordinal);
        var element = XDocument.Parse(gather.Content!).Root!.Element("Gather")!;
        Assert.Equal(("1", "POST", "Press 4."), ((string?)element.Attribute("numDigits"), (string?)element.Attribute("method"), element.Element("Say")!.Value));
    }

    [Fact]
    public void Documents_start_with_a_utf8_declaration()
    {
        Assert.Equal("""<?xml version="1.0" encoding="utf-8"?><Response />""", XmlResponses.Xml(TwimlResponses.Empty()).Content);
    }
}
