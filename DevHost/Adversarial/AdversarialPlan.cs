using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.DevHost.Adversarial;

/// <summary>One hostile request to one HTTP function.</summary>
/// <param name="Function">The function's name (<c>[Function("…")]</c>).</param>
/// <param name="Case">What is hostile about it, for reports.</param>
/// <param name="PathAndQuery">Relative to the host's base address, already escaped.</param>
public sealed record AdversarialRequest(string Function, AuthorizationLevel Level, string Method, string PathAndQuery, string Case, AdversarialBody? Body)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        if (Body is { } body)
        {
            message.Content = new ByteArrayContent(body.Bytes);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        }
        return message;
    }
}

/// <summary>
/// Every hostile request for every HTTP-triggered function of a catalog, found by reflection as DevHost maps them, so a
/// route added later is covered without a change here: its route values filled in (and, one at a time, replaced by
/// hostile ones), hostile query values under every query parameter Klaxon reads, and, for methods with a body, every
/// standalone hostile body plus the mutations of the route's seed body.
/// </summary>
public static partial class AdversarialPlan
{
    /// <summary>Every query parameter any Klaxon route reads (and <c>code</c>, which the Functions host reads).</summary>
    public static readonly string[] QueryNames = ["status", "limit", "continuation", "a", "n", "u", "j", "t", "s", "at", "from", "to", "code"];

    /// <summary>
    /// Hostile query and route values, already percent-encoded. <c>ReachesParsers</c>: also tried under each query
    /// parameter alone (the rest only under all parameters at once, to keep the run short).
    /// </summary>
    public static readonly (string Name, string Escaped, bool ReachesParsers)[] HostileValues =
    [
        ("empty", "", false),
        ("bad escape", "%ZZ%", true),
        ("invalid UTF-8", "%FF%FE", true),
        ("lone surrogate as UTF-8", "%ED%A0%80", true),
        ("NUL and ESC", "%00%1B%5B2J", false),
        ("negative", "-1", true),
        ("huge integer", "99999999999999999999999999", true),
        ("huge number", "1e400", false),
        ("not a date", "2026-13-45T99%3A99%3A99Z", true),
        ("far dates", "9999-12-31T23%3A59%3A59Z", true),
        ("base64 of junk", "eyJ4Ijp7fX0%3D", true),
        ("not base64", "%21%21%21%21", false),
        ("long (4000)", new string('A', 4000), false),
        ("astral", string.Concat(Enumerable.Repeat("%F0%9F%98%80", 200)), false),
    ];

    /// <param name="routeValue">A valid value for a function's route parameter (<c>accountId</c>, <c>number</c>, …), or null when there is none.</param>
    /// <param name="seedFor">The function's valid example body, or null for <c>{}</c>.</param>
    /// <exception cref="InvalidOperationException">A route has a parameter with no value in <paramref name="routeValues"/>.</exception>
    public static IReadOnlyList<AdversarialRequest> For(
        FunctionCatalog catalog, string routePrefix, Func<string, string, string?> routeValue, Func<string, JsonNode?> seedFor)
    {
        var requests = new List<AdversarialRequest>();
        foreach (var (function, trigger) in catalog.Http.OrderBy(f => f.Function.Name, StringComparer.Ordinal))
        {
            var template = (string.IsNullOrEmpty(routePrefix) ? "" : routePrefix.Trim('/') + "/") + (trigger.Route ?? function.Name).TrimStart('/');
            var names = RouteParameter().Matches(template).Select(m => m.Groups["name"].Value).ToList();
            var routeValues = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                routeValues[name] = routeValue(function.Name, name)
                    ?? throw new InvalidOperationException($"Route parameter '{name}' of {function.Name} ({template}) has no value: add one.");
            }
            var path = Fill(template, routeValues);
            var methods = trigger.Methods is { Length: > 0 } listed ? listed.Select(m => m.ToUpperInvariant()).ToArray() : ["GET", "POST"];
            foreach (var method in methods)
            {
                var hasBody = method is "POST" or "PUT" or "PATCH";
                var seed = seedFor(function.Name) ?? new JsonObject();
                var seedBody = hasBody ? new AdversarialBody("seed", System.Text.Encoding.UTF8.GetBytes(seed.ToJsonString()), "application/json") : null;
                AdversarialRequest Request(string pathAndQuery, string name, AdversarialBody? body) =>
                    new(function.Name, trigger.AuthLevel, method, pathAndQuery, name, body);

                requests.Add(Request(path, "seed", seedBody));
                foreach (var name in names)
                {
                    foreach (var (valueName, escaped, _) in HostileValues.Where(v => v.Escaped.Length > 0))
                    {
                        var hostile = new Dictionary<string, string>(routeValues) { [name] = escaped };
                        requests.Add(Request(Fill(template, hostile), $"route {name} = {valueName}", seedBody));
                    }
                }
                // Each hostile value under every parameter at once, then under each parameter alone (a route may stop at
                // the first bad parameter it reads, so the others would go untried).
                foreach (var (valueName, escaped, _) in HostileValues)
                {
                    requests.Add(Request($"{path}?{string.Join("&", QueryNames.Select(q => $"{q}={escaped}"))}", $"every parameter = {valueName}", seedBody));
                }
                foreach (var query in QueryNames)
                {
                    foreach (var (valueName, escaped, _) in HostileValues.Where(v => v.ReachesParsers))
                    {
                        requests.Add(Request($"{path}?{query}={escaped}", $"?{query} = {valueName}", seedBody));
                    }
                    requests.Add(Request($"{path}?{query}=1&{query}=2", $"?{query} twice", seedBody));
                }
                if (!hasBody)
                {
                    continue;
                }
                foreach (var body in AdversarialBodies.Standalone())
                {
                    requests.Add(Request(path, body.Name, body));
                }
                foreach (var body in AdversarialBodies.Mutations(seed))
                {
                    requests.Add(Request(path, "seed " + body.Name, body));
                }
            }
        }
        return requests;
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        RouteParameter().Replace(template, m => values[m.Groups["name"].Value]);

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z]+)\}")]
    private static partial Regex RouteParameter();
}
