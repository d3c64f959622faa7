using Azure;

namespace Klaxon.Storage;

/// <summary>Converts between the SDK's <see cref="ETag"/> and <see cref="RowVersion"/>, inside storage adapters only.</summary>
internal static class ETagVersions
{
    public static RowVersion ToRowVersion(this ETag etag) => new(etag.ToString());

    public static ETag ToETag(this RowVersion version) => new(version.Value);

    /// <summary>True for the statuses a conditional write fails with when another writer got there first: 409 (the row was inserted meanwhile) and 412 (it changed).</summary>
    public static bool IsConflict(this RequestFailedException failure) => failure.Status is 409 or 412;
}
