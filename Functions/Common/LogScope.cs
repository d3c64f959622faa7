using System.Collections;
using System.Globalization;

namespace Klaxon.Common;

/// <summary>
/// A logging scope of named values (<c>request_id</c>, <c>account</c>, <c>integration</c>, <c>incident</c>). Loggers
/// that understand structured scopes (Application Insights, JSON console) record each pair; plain consoles print
/// <c>request_id=… account=…</c>, so one incident can be followed end to end either way.
/// </summary>
public sealed class LogScope(params (string Name, object? Value)[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values = [.. values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, object?>(v.Name, v.Value))];

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public int Count => _values.Length;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        string.Join(' ', _values.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));
}
