using System.Text.Json;
using Klaxon.Accounts;
using Klaxon.Common;
using Klaxon.Escalation;
using static Klaxon.Tests.Escalation.EscalationConfigs;

namespace Klaxon.Tests.Escalation;

public class EscalationSnapshotTests
{
    [Fact]
    public void Editing_the_teams_policy_after_start_does_not_reshape_the_incident()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, U("alice")), Layer(5, U("bob"))),
            User("alice", Sms(0)),
            User("bob", Sms(0)),
            User("carol", Sms(0))));
        driver.Start();

        var edited = Team(3, Layer(60, U("carol")));
        driver.Config = driver.Config with { Teams = [edited] };
        driver.AdvanceBy(5);

        Assert.Equal(["+0 alice sms L1", "+5 bob sms L2"], driver.PageLog);
        Assert.Equal((2, 0), (driver.State.Policy.Layers.Count, driver.State.Policy.Repeat));
    }

    [Fact]
    public void Users_notification_rules_are_read_when_their_layer_starts()
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, U("alice")), Layer(5, U("bob"))),
            User("alice", Sms(0)),
            User("bob", Sms(0))));
        driver.Start();

        driver.Config = driver.Config with { Users = [User("alice", Sms(0)), User("bob", Voice(1))] };
        driver.AdvanceBy(6);

        Assert.Equal(["+0 alice sms L1", "+6 bob voice L2"], driver.PageLog);
    }

    [Theory]
    [InlineData(Urgency.High, new[] { Urgency.Low, Urgency.Critical }, Urgency.Critical)]
    [InlineData(Urgency.Medium, new[] { Urgency.Low, Urgency.High, Urgency.Critical }, Urgency.High)]
    [InlineData(Urgency.Critical, new[] { Urgency.Low, Urgency.Medium }, Urgency.Medium)]
    [InlineData(Urgency.Low, new[] { Urgency.Low, Urgency.Critical }, Urgency.Low)]
    public void Without_rules_for_the_urgency_the_nearest_higher_urgency_is_used_then_the_nearest_lower(
        Urgency incident, Urgency[] configured, Urgency expected)
    {
        var rules = configured.ToDictionary(u => u, u => (IReadOnlyList<NotificationStep>)[Step(ChannelFor(u), 0)]);
        var driver = new EscalationDriver(Account(Team(0, Layer(5, U("alice"))), UserWithRules("alice", rules)));

        driver.Start(incident);

        Assert.Equal(ChannelFor(expected), Assert.Single(driver.Pages).Channel);
        var fallback = driver.NoteTexts(EscalationNoteKind.RulesFallback);
        Assert.Equal(incident == expected ? [] : [$"alice has no {incident.ToWire()}-urgency notification rules; using the {expected.ToWire()}-urgency rules"], fallback);
    }

    [Theory]
    [InlineData("alice@example.com", "+15551230001", NotificationChannel.Email)]
    [InlineData(null, "+15551230001", NotificationChannel.Sms)]
    [InlineData(null, null, NotificationChannel.Push)]
    public void A_user_without_any_rules_is_paged_once_at_once_on_email_then_sms_then_push(
        string? email, string? phone, NotificationChannel expected)
    {
        var driver = new EscalationDriver(Account(
            Team(0, Layer(5, U("alice"))),
            UserWithRules("alice", new Dictionary<Urgency, IReadOnlyList<NotificationStep>>(), email, phone)));

        driver.Start();

        var page = Assert.Single(driver.Pages);
        Assert.Equal((expected, EscalationDriver.T0), (page.Channel, page.DueAt));
        Assert.Equal([$"alice has no notification rules; paging by {expected.ToWire()} at once"], driver.NoteTexts(EscalationNoteKind.RulesFallback));
    }

    [Fact]
    public void A_state_with_pending_steps_survives_a_json_round_trip_and_continues_identically()
    {
        var driver = new EscalationDriver(Account(
            Team(2, Layer(5, U("alice"), S("primary")), Layer(5, U("bob"))),
            User("alice", Sms(0), Voice(2)),
            User("bob", Sms(0))));
        driver.OnCall["primary"] = ["bob"];
        driver.Start();

        var json = JsonSerializer.Serialize(driver.State, KlaxonJson.Options);
        var restored = JsonSerializer.Deserialize<EscalationState>(json, KlaxonJson.Options)!;

        Assert.Contains("\"status\":\"active\"", json, StringComparison.Ordinal);
        Assert.Contains("\"channel\":\"voice\"", json, StringComparison.Ordinal);
        Assert.Contains("\"urgency\":\"high\"", json, StringComparison.Ordinal);
        Assert.Equal(json, JsonSerializer.Serialize(restored, KlaxonJson.Options));
        Assert.Equal(driver.State.PendingSteps, restored.PendingSteps);

        var now = driver.Now.AddMinutes(30);
        var original = EscalationEngine.Advance(driver.State, driver.Config, driver.Lookup, now);
        var roundTripped = EscalationEngine.Advance(restored, driver.Config, driver.Lookup, now);
        Assert.Equal(original.Pages, roundTripped.Pages);
        Assert.Equal(original.Notes, roundTripped.Notes);
    }

    [Fact]
    public void Calendar_days_in_delays_count_as_24_hours()
    {
        var team = new TeamConfig("ops", "Operations", new EscalationPolicyConfig(
            [new EscalationLayerConfig([U("alice")], new IsoDuration(1, TimeSpan.FromHours(2)))], 0));

        var snapshot = EscalationPolicySnapshot.From(team.EscalationPolicy);

        Assert.Equal(TimeSpan.FromHours(26), snapshot.Layers[0].EscalateAfter);
    }

    private static NotificationChannel ChannelFor(Urgency urgency) => urgency switch
    {
        Urgency.Low => NotificationChannel.Email,
        Urgency.Medium => NotificationChannel.Push,
        Urgency.High => NotificationChannel.Sms,
        _ => NotificationChannel.Voice,
    };
}
