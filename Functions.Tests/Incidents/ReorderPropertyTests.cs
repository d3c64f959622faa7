using Klaxon.Incidents;
using static Klaxon.Tests.Incidents.KeyHistory;

namespace Klaxon.Tests.Incidents;

/// <summary>
/// Queues do not keep order: whatever order events for one key are applied in, the incidents must end as applying
/// them in order of receipt gives, and a redelivery must change nothing.
/// </summary>
public class ReorderPropertyTests
{
    [Fact]
    public void Any_application_order_ends_in_the_state_of_receipt_order()
    {
        var random = new Random(20261126);
        for (var run = 0; run < 400; run++)
        {
            var events = RandomHistory(random, random.Next(1, 9));
            var expected = new KeyHistory().ApplyAll(events);
            for (var shuffle = 0; shuffle < 25; shuffle++)
            {
                var order = events.OrderBy(_ => random.Next()).ToList();
                var actual = new KeyHistory().ApplyAll(order);
                Assert.True(expected.Shape().SequenceEqual(actual.Shape()),
                    $"events {Describe(events)} applied as {Describe(order)}:\n expected {string.Join(" | ", expected.Shape())}\n got      {string.Join(" | ", actual.Shape())}");
            }
        }
    }

    [Fact]
    public void Redelivering_any_event_at_any_point_changes_nothing()
    {
        var random = new Random(7);
        for (var run = 0; run < 300; run++)
        {
            var events = RandomHistory(random, random.Next(1, 8));
            var expected = new KeyHistory().ApplyAll(events);
            var withRepeats = events.SelectMany(e => random.Next(3) == 0 ? new[] { e, e } : [e]).ToList();
            var actual = new KeyHistory().ApplyAll(withRepeats);
            Assert.Equal(expected.Shape(), actual.Shape());
            Assert.Equal(expected.Triggered.Count(), actual.Triggered.Count());
        }
    }

    [Fact]
    public void Every_incident_paged_was_open_when_paged_and_every_open_incident_was_paged()
    {
        var random = new Random(99);
        for (var run = 0; run < 300; run++)
        {
            var events = RandomHistory(random, random.Next(1, 9)).OrderBy(_ => random.Next()).ToList();
            var key = new KeyHistory();
            foreach (var e in events)
            {
                var decision = key.Apply(e);
                foreach (var signal in decision.Signals.Where(s => s.Kind == IncidentSignalKind.Triggered))
                {
                    Assert.Equal(IncidentStatus.Open, decision.Changes.Single(c => c.Summary.Number == signal.Number).Summary.Status);
                }
            }
            foreach (var open in key.State.Incidents.Where(i => i.Status == IncidentStatus.Open))
            {
                Assert.Contains(open.Number, key.Triggered);
            }
        }
    }

    private static List<IncidentAction> RandomHistory(Random random, int count) =>
        [.. Enumerable.Range(1, count).Select(second => random.Next(5) switch
        {
            0 or 1 => Create(second),
            2 => Ack(second, random.Next(2) == 0 ? "alice" : "bob"),
            _ => Resolve(second),
        })];

    private static string Describe(IEnumerable<IncidentAction> events) =>
        string.Join(",", events.Select(e => $"{e.Kind.ToString()[0]}{e.Order.EventId[1..].TrimStart('0')}"));
}
