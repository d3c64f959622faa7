namespace Klaxon.Storage;

/// <summary>How long to hide a queue message so it arrives when its work is due.</summary>
public static class QueueVisibility
{
    /// <summary>
    /// <paramref name="delay"/> rounded up to whole seconds, because the queue counts visibility in seconds and a message
    /// woken early finds nothing due and waits a whole round; negative delays are zero, and the queue's 7-day maximum
    /// caps it.
    /// </summary>
    public static TimeSpan RoundUp(TimeSpan delay) =>
        TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(delay.TotalSeconds), 0, TimeSpan.FromDays(7).TotalSeconds - 1));
}
