using System.Buffers;

namespace Klaxon.Notifications.Sms;

/// <summary>How an SMS body is encoded on the air.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 septets in one segment, 153 per segment when split.</summary>
    Gsm7,

    /// <summary>Any character outside GSM-7 makes the whole message UCS-2 (UTF-16): 70 units in one segment, 67 when split.</summary>
    Ucs2,
}

/// <param name="Units">Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2.</param>
/// <param name="Segments">How many SMS the message is sent as (and billed as).</param>
public readonly record struct SmsSize(SmsEncoding Encoding, int Units, int Segments);

/// <summary>Counts SMS segments the way carriers and Twilio do.</summary>
public static class SmsSegments
{
    public const int Gsm7Single = 160, Gsm7Part = 153, Ucs2Single = 70, Ucs2Part = 67;

    /// <summary>GSM 03.38 basic character set (without the escape code itself).</summary>
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The extension table: each is sent as escape + character, two septets.</summary>
    private const string Gsm7Extension = "\f^{}\\[~]|€";

    private static readonly SearchValues<char> Basic = SearchValues.Create(Gsm7Basic);
    private static readonly SearchValues<char> Extension = SearchValues.Create(Gsm7Extension);
    private static readonly SearchValues<char> AnyGsm7 = SearchValues.Create(Gsm7Basic + Gsm7Extension);

    /// <summary>True when every character of <paramref name="text"/> is in GSM-7 (basic or extension table).</summary>
    public static bool IsGsm7(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(AnyGsm7);

    /// <summary>Septets of one character in GSM-7: 1, 2 for the extension table, 0 when it is not GSM-7.</summary>
    public static int Septets(char c) => Basic.Contains(c) ? 1 : Extension.Contains(c) ? 2 : 0;

    public static SmsSize Measure(ReadOnlySpan<char> text)
    {
        if (IsGsm7(text))
        {
            var septets = 0;
            foreach (var c in text)
            {
                septets += Septets(c);
            }
            // An escape sequence is never split across two segments, so parts are packed character by character.
            return new SmsSize(SmsEncoding.Gsm7, septets, septets <= Gsm7Single ? 1 : Pack(text, Gsm7Part, static (span, i) => Septets(span[i])));
        }
        // Nor is a surrogate pair: the pair counts 2 units and goes to one segment.
        return new SmsSize(SmsEncoding.Ucs2, text.Length, text.Length <= Ucs2Single ? 1 : Pack(text, Ucs2Part,
            static (span, i) => char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]) ? 2 : char.IsLowSurrogate(span[i]) && i > 0 && char.IsHighSurrogate(span[i - 1]) ? 0 : 1));
    }

    private delegate int UnitCost(ReadOnlySpan<char> text, int index);

    private static int Pack(ReadOnlySpan<char> text, int segmentSize, UnitCost cost)
    {
        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var units = cost(text, i);
            if (used + units > segmentSize)
            {
                segments++;
                used = 0;
            }
            used += units;
        }
        return segments;
    }
}
