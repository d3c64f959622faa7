using Klaxon.Accounts;
using static Klaxon.Tests.Accounts.AccountDocuments;

namespace Klaxon.Tests.Accounts;

public class AccountConfigTests
{
    [Fact]
    public void Lookups_find_by_exact_id()
    {
        var config = ParseValid(ExampleJson);

        Assert.Equal("Bob", config.FindUser("bob")?.Name);
        Assert.Equal("America/New_York", config.FindSchedule("primary")?.TimeZone);
        Assert.Equal("Operations", config.FindTeam("ops")?.Name);
        Assert.Equal("ops", config.FindIntegration("b965aee0-38b7-11e7-b537-ff479bbed3d0")?.Team);
    }

    [Fact]
    public void Lookups_are_case_sensitive_and_return_null_when_missing()
    {
        var config = ParseValid(ExampleJson);

        Assert.Null(config.FindUser("Bob"));
        Assert.Null(config.FindTeam("OPS"));
        Assert.Null(config.FindIntegration("B965AEE0-38B7-11E7-B537-FF479BBED3D0"));
        Assert.Null(config.FindSchedule("secondary"));
    }

    [Fact]
    public void Two_parses_of_the_same_document_are_equal_with_equal_hashes()
    {
        var first = ParseValid(ExampleJson);
        var second = ParseValid(ExampleJson);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equality_looks_inside_collections()
    {
        var config = ParseValid(ExampleJson);
        var rotation = config.Schedules[0].Rotations[0];
        var changed = config with
        {
            Schedules = [config.Schedules[0] with { Rotations = [rotation with { Users = ["bob", "alice"] }] }],
        };

        Assert.NotEqual(config, changed);
    }

    [Fact]
    public void Parsed_collections_are_read_only()
    {
        var config = ParseValid(ExampleJson);

        Assert.False(config.Users is IList<UserConfig> { IsReadOnly: false });
        Assert.False(config.Users[0].NotificationRules is IDictionary<Klaxon.Common.Urgency, IReadOnlyList<NotificationStep>> { IsReadOnly: false });
    }
}
