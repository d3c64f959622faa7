using System.Security.Cryptography;
using System.Text;

namespace Klaxon.Tests.Notifications.Twilio;

/// <summary>
/// Twilio's webhook signature, written from its documentation rather than taken from the Twilio library, so the tests
/// check Klaxon against the algorithm and not the library against itself: base64(HMAC-SHA1(auth token, URL followed by
/// every POST field's name and value, sorted by name, case-sensitively)).
/// </summary>
public static class TwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
