using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// The TwiML documents Klaxon answers Twilio's webhooks with, as text (the functions answer them as <c>text/xml</c>).
/// Built with System.Xml.Linq so text from requests and incidents (titles, URLs with <c>&amp;</c>) is always escaped,
/// never concatenated into markup.
/// </summary>
public static class TwimlResponses
{
    /// <summary>Digits gathered per prompt, and seconds Twilio waits for them. Defaults 1 and 10.</summary>
    public const int GatherDigits = 1, GatherTimeoutSeconds = 10;

    /// <summary><c>&lt;Response&gt;&lt;Message&gt;text&lt;/Message&gt;&lt;/Response&gt;</c>: an SMS reply to the sender.</summary>
    public static string Message(string text) => Render(new XElement("Message", XmlText(text)));

    /// <summary><c>&lt;Response/&gt;</c>: no reply.</summary>
    public static string Empty() => Render();

    /// <summary><c>&lt;Response&gt;&lt;Say&gt;text&lt;/Say&gt;&lt;/Response&gt;</c>; the call ends after it.</summary>
    public static string Say(string text) => Render(new XElement("Say", XmlText(text)));

    /// <summary>Says <paramref name="text"/> and hangs up: the answer to a call that may not change anything.</summary>
    public static string SayAndHangUp(string text) => Render(new XElement("Say", XmlText(text)), new XElement("Hangup"));

    /// <summary>Asks again for one digit, posted to <paramref name="actionUrl"/>; says goodbye if none comes.</summary>
    public static string Gather(string actionUrl, string prompt, string noInput) => Render(
        new XElement("Gather",
            new XAttribute("numDigits", GatherDigits),
            new XAttribute("timeout", GatherTimeoutSeconds),
            new XAttribute("method", "POST"),
            new XAttribute("action", actionUrl),
            new XElement("Say", XmlText(prompt))),
        new XElement("Say", XmlText(noInput)));

    /// <summary>The document as text, with an XML declaration in UTF-8 as Twilio's examples have it.</summary>
    public static string Render(params XElement[] verbs)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new XDocument(new XElement("Response", verbs)).Save(writer);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Drops characters XML cannot carry (control characters, lone surrogates), which an alert title may contain and
    /// which would otherwise make the writer throw instead of answering.
    /// </summary>
    public static string XmlText(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i, 2);
                i++;
            }
        }
        return kept.ToString();
    }
}
