using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Storage;

/// <summary>The test guard itself: it must refuse what Azure refuses, or the tests that rely on it prove nothing.</summary>
public class AzureTableLimitsTests
{
    [Fact]
    public void An_ordinary_entity_passes()
    {
        Assert.Null(AzureTableLimits.Violation("""{"PartitionKey":"acct","RowKey":"inc|1","Title":"Disk full","Number":1,"Body_0@odata.type":"Edm.Binary","Body_0":"AAEC"}"""));
    }

    [Fact]
    public void A_binary_property_over_64_KiB_is_refused()
    {
        var big = Convert.ToBase64String(new byte[(64 * 1024) + 1]);

        Assert.Contains("binary property Body_0", AzureTableLimits.Violation($$"""{"PartitionKey":"a","RowKey":"r","Body_0@odata.type":"Edm.Binary","Body_0":"{{big}}"}"""));
    }

    [Fact]
    public void A_string_property_over_32_Ki_characters_is_refused()
    {
        var big = new string('x', (32 * 1024) + 1);

        Assert.Contains("string property Details", AzureTableLimits.Violation($$"""{"PartitionKey":"a","RowKey":"r","Details":"{{big}}"}"""));
    }

    [Fact]
    public void An_entity_over_1_MiB_by_azures_formula_is_refused_even_when_every_property_fits()
    {
        var chunk = Convert.ToBase64String(new byte[60_000]);
        var properties = string.Join(",", Enumerable.Range(0, 18).Select(i => $$"""
            "Body_{{i}}@odata.type":"Edm.Binary","Body_{{i}}":"{{chunk}}"
            """));

        Assert.Contains("by Azure's formula", AzureTableLimits.Violation($$"""{"PartitionKey":"a","RowKey":"r",{{properties}}}"""));
    }

    [Fact]
    public void More_than_252_properties_are_refused()
    {
        var properties = string.Join(",", Enumerable.Range(0, 253).Select(i => $"\"P{i}\":1"));

        Assert.Contains("253 properties", AzureTableLimits.Violation($$"""{"PartitionKey":"a","RowKey":"r",{{properties}}}"""));
    }
}
