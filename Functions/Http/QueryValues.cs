using Microsoft.AspNetCore.Http;

namespace Klaxon.Http;

/// <summary>A query string as plain values, for readers that should not depend on ASP.NET Core.</summary>
public static class QueryValues
{
    /// <summary>
    /// Each parameter once, its values joined by commas as <c>query[name].ToString()</c> gives them (so a repeated
    /// parameter reads as one value that must still be valid), names compared ignoring case like
    /// <see cref="IQueryCollection"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, string>(query.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query)
        {
            values[name] = value.ToString();
        }
        return values;
    }
}
