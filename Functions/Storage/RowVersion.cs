namespace Klaxon.Storage;

/// <summary>
/// The version a store read a row at (its ETag, opaque), handed back with a write so the write applies only if the row
/// is unchanged. Lets orchestration code hold on to a version without depending on the Azure SDK.
/// </summary>
public readonly record struct RowVersion(string Value)
{
    public override string ToString() => Value;
}
