using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klaxon.DevHost.Adversarial;

/// <summary>One hostile request body: what it is (for reports), its bytes and its content type.</summary>
public sealed record AdversarialBody(string Name, byte[] Bytes, string ContentType);

/// <summary>
/// Hostile request bodies: shapes that cost a parser work or memory (wide, deep, long keys, duplicate keys, many
/// errors), text that breaks encoders (astral characters, lone surrogates, invalid UTF-8, control characters), and
/// each of those planted at every place of a route's valid example body (its seed), so the route's own rules run on
/// them rather than stopping at the first missing field.
/// </summary>
public static class AdversarialBodies
{
    /// <summary>Keys in the widest object and items in the widest array: 100,000.</summary>
    public const int Wide = 100_000;

    /// <summary>Characters in a long key or text: 64 Ki.</summary>
    public const int Long = 64 * 1024;

    /// <summary>Nesting depths tried: around the parser's 64 levels, around the 128 levels stored JSON allows, and far past both.</summary>
    public static readonly int[] Depths = [63, 64, 65, 127, 128, 129, 10_000];

    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>Bodies that are hostile on their own, whatever the route expects.</summary>
    public static IEnumerable<AdversarialBody> Standalone()
    {
        foreach (var (name, text) in new (string, string)[]
        {
            ("empty", ""),
            ("null", "null"),
            ("array", "[]"),
            ("string", "\"x\""),
            ("huge number", "1e400"),
            ("long number", new string('9', 10_000)),
            ("truncated", "{\"a\":"),
            ("trailing comma", "{\"a\":1,}"),
            ("escaped lone surrogate", "{\"a\":\"\\ud800\"}"),
            ("escaped lone surrogate key", "{\"\\udc00\":1}"),
            ("escaped NUL and ESC", "{\"a\":\"\\u0000\\u001b[2J\"}"),
        })
        {
            yield return new AdversarialBody(name, Encoding.UTF8.GetBytes(text), Json);
        }
        yield return new AdversarialBody("invalid UTF-8", [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, 0xFE, 0xC0, 0x80, (byte)'"', (byte)'}'], Json);
        yield return new AdversarialBody("byte order mark", [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], Json);
        yield return Text("wide object (100k keys)", "{" + string.Join(",", Enumerable.Range(0, Wide).Select(i => $"\"k{i}\":0")) + "}");
        yield return Text("wide object under 512 KiB (40k keys)", "{" + string.Join(",", Enumerable.Range(0, 40_000).Select(i => $"\"k{i}\":0")) + "}");
        yield return Text("wide array (100k items)", "[" + string.Join(",", Enumerable.Repeat("0", Wide)) + "]");
        yield return Text("wide array of objects (40k)", "[" + string.Join(",", Enumerable.Repeat("{}", 40_000)) + "]");
        foreach (var depth in Depths)
        {
            yield return Text($"deep objects ({depth})", Deep(depth, objects: true));
            yield return Text($"deep arrays ({depth})", Deep(depth, objects: false));
        }
        yield return Text("long key (64 Ki)", "{\"" + new string('k', Long) + "\":1}");
        yield return Text("long key over 60k items", "{\"" + new string('k', Long) + "\":[" + string.Join(",", Enumerable.Repeat("1", 60_000)) + "]}");
        yield return Text("duplicate keys (2000)", "{" + string.Join(",", Enumerable.Range(0, 2000).SelectMany(i => new[] { $"\"r{i}\":1", $"\"r{i}\":2" })) + "}");
        yield return Text("one key 2000 times", "{" + string.Join(",", Enumerable.Repeat("\"a\":1", 2000)) + "}");
        yield return Text("astral text (100k)", "{\"a\":\"" + string.Concat(Enumerable.Repeat("😀", Wide)) + "\"}");
        yield return Text("escaped astral text (30k)", "{\"a\":\"" + string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 30_000)) + "\"}");
        yield return Text("lone surrogates (20k)", "{\"a\":\"" + string.Concat(Enumerable.Repeat("\\udfff", 20_000)) + "\"}");
        // The same shapes as a form, for routes that read forms (Twilio webhooks, action link confirmations).
        yield return new AdversarialBody("form: wide (100k fields)", Encoding.UTF8.GetBytes(string.Join("&", Enumerable.Range(0, Wide).Select(i => $"f{i}=1"))), Form);
        yield return new AdversarialBody("form: long key", Encoding.UTF8.GetBytes(new string('k', Long) + "=1"), Form);
        yield return new AdversarialBody("form: bad escapes and lone surrogate", Encoding.UTF8.GetBytes("t=%ZZ&Body=%ED%A0%80&From=%FF&Digits=%00&CallSid=" + new string('%', 100)), Form);
        yield return new AdversarialBody("form: astral", Encoding.UTF8.GetBytes("Body=" + string.Concat(Enumerable.Repeat("%F0%9F%98%80", 20_000))), Form);
    }

    /// <summary>
    /// The seed with one hostile change at a time: every value replaced by each hostile value, and every object and
    /// array given hostile members (deep, long-keyed, duplicated, wide).
    /// </summary>
    public static IEnumerable<AdversarialBody> Mutations(JsonNode seed)
    {
        foreach (var (path, node) in Walk(seed, "$"))
        {
            if (node is JsonObject or JsonArray)
            {
                foreach (var (name, raw) in ContainerChanges(node))
                {
                    yield return Text($"{path}: {name}", Splice(seed, node, raw));
                }
            }
            if (!ReferenceEquals(node, seed))
            {
                foreach (var (name, raw) in ValueReplacements)
                {
                    yield return Text($"{path} = {name}", Splice(seed, node, raw));
                }
            }
        }
    }

    private static readonly (string Name, string Raw)[] ValueReplacements =
    [
        ("lone surrogate", "\"\\ud800\""),
        ("lone surrogate pair halves reversed", "\"\\ude00\\ud83d\""),
        ("NUL, ESC and newline", "\"a\\u0000\\u001b[2J\\r\\nAdmin key: x\""),
        ("astral text (16k)", "\"" + string.Concat(Enumerable.Repeat("😀", 16_000)) + "\""),
        ("long text (64 Ki)", "\"" + new string('x', Long) + "\""),
        ("huge number", "1e400"),
        ("long integer", "123456789012345678901234567890"),
        ("negative fraction", "-0.5"),
        ("true", "true"),
        ("null", "null"),
        ("empty object", "{}"),
        ("empty array", "[]"),
        ("deep (129)", Deep(129, objects: true)),
    ];

    private static IEnumerable<(string Name, string Raw)> ContainerChanges(JsonNode node)
    {
        var items = node is JsonObject obj
            ? obj.Select(member => $"{JsonSerializer.Serialize(member.Key)}:{member.Value?.ToJsonString() ?? "null"}").ToList()
            : node.AsArray().Select(item => item?.ToJsonString() ?? "null").ToList();
        string With(IEnumerable<string> more) => node is JsonObject
            ? "{" + string.Join(",", items.Concat(more)) + "}"
            : "[" + string.Join(",", items.Concat(more)) + "]";
        string Member(string key, string raw) => node is JsonObject ? $"{JsonSerializer.Serialize(key)}:{raw}" : raw;

        yield return ("deep member (64)", With([Member("zz", Deep(64, objects: true))]));
        yield return ("deep member (65)", With([Member("zz", Deep(65, objects: true))]));
        yield return ("deep member (129)", With([Member("zz", Deep(129, objects: false))]));
        yield return ("every member twice", With(items));
        yield return ("20k more members", With(Enumerable.Range(0, 20_000).Select(i => Member($"w{i}", "0"))));
        if (node is JsonObject)
        {
            yield return ("long key (64 Ki)", With([Member(new string('k', Long), "1")]));
            yield return ("2000 duplicate keys", With(Enumerable.Repeat(Member("dup", "1"), 2000)));
        }
        else if (items.Count > 0)
        {
            yield return ("first item 2000 times", With(Enumerable.Repeat(items[0], 2000)));
        }
    }

    private static IEnumerable<(string Path, JsonNode Node)> Walk(JsonNode node, string path)
    {
        yield return (path, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        foreach (var inner in Walk(value, $"{path}.{key}"))
                        {
                            yield return inner;
                        }
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        foreach (var inner in Walk(item, $"{path}[{i}]"))
                        {
                            yield return inner;
                        }
                    }
                }
                break;
        }
    }

    /// <summary>The seed as JSON text with <paramref name="target"/> written as <paramref name="raw"/> (which may be JSON no DOM can hold: duplicate keys, lone surrogates).</summary>
    private static string Splice(JsonNode seed, JsonNode target, string raw)
    {
        var buffer = new StringBuilder();
        Write(seed, target, raw, buffer);
        return buffer.ToString();
    }

    private static void Write(JsonNode? node, JsonNode target, string raw, StringBuilder buffer)
    {
        if (ReferenceEquals(node, target))
        {
            buffer.Append(raw);
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                buffer.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    buffer.Append(first ? "" : ",").Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, target, raw, buffer);
                    first = false;
                }
                buffer.Append('}');
                break;
            case JsonArray array:
                buffer.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    buffer.Append(i == 0 ? "" : ",");
                    Write(array[i], target, raw, buffer);
                }
                buffer.Append(']');
                break;
            default:
                buffer.Append(node?.ToJsonString() ?? "null");
                break;
        }
    }

    /// <summary><c>{"a":{"a":…1…}}</c> or <c>[[…1…]]</c>, <paramref name="depth"/> containers deep.</summary>
    public static string Deep(int depth, bool objects) => objects
        ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
        : new string('[', depth) + "1" + new string(']', depth);

    private static AdversarialBody Text(string name, string json) => new(name, Encoding.UTF8.GetBytes(json), Json);
}
