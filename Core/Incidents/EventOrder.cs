namespace Klaxon.Incidents;

/// <summary>
/// Where an event sits in the order of receipt: the instant the endpoint received it, ties broken by its event id.
/// Storage queues do not keep order, so incident state is decided by this order, never by dequeue order.
/// </summary>
public readonly record struct EventOrder(DateTimeOffset ReceivedAt, string EventId) : IComparable<EventOrder>
{
    public int CompareTo(EventOrder other)
    {
        var byTime = ReceivedAt.UtcTicks.CompareTo(other.ReceivedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(EventId, other.EventId);
    }

    public static bool operator <(EventOrder left, EventOrder right) => left.CompareTo(right) < 0;
    public static bool operator >(EventOrder left, EventOrder right) => left.CompareTo(right) > 0;
    public static bool operator <=(EventOrder left, EventOrder right) => left.CompareTo(right) <= 0;
    public static bool operator >=(EventOrder left, EventOrder right) => left.CompareTo(right) >= 0;
}
