namespace Klaxon.Common;

/// <summary>One problem with a request or document: where it is (a field name or a JSON path) and the rule it broke.</summary>
public sealed record FieldError(string Field, string Message);
