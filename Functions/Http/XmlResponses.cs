using Microsoft.AspNetCore.Mvc;

namespace Klaxon.Http;

/// <summary>XML answers (TwiML for Twilio's webhooks) as plain content results, like <see cref="JsonResponses"/>.</summary>
public static class XmlResponses
{
    /// <summary><c>text/xml; charset=utf-8</c>, the type Twilio's examples answer with.</summary>
    public const string ContentType = "text/xml; charset=utf-8";

    /// <summary>200 with <paramref name="document"/> as it is (already rendered, declaration included).</summary>
    public static ContentResult Xml(string document) => new()
    {
        StatusCode = 200,
        ContentType = ContentType,
        Content = document,
    };
}
