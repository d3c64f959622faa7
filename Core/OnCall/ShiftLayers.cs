namespace Klaxon.OnCall;

/// <summary>Flattens layers of shifts, where a higher layer hides lower ones, into one timeline.</summary>
internal static class ShiftLayers
{
    /// <summary>
    /// Each layer is sorted and free of overlaps; later layers take precedence. The result is sorted, free of
    /// overlaps, and has consecutive shifts of the same user merged.
    /// </summary>
    public static List<Shift> Flatten(List<List<Shift>> layers)
    {
        // Every shift edge is a point where the answer may change; between two neighbouring points, each layer
        // either covers the whole stretch or none of it, so the top covering layer decides it.
        var points = new List<DateTimeOffset>();
        foreach (var layer in layers)
        {
            foreach (var shift in layer)
            {
                points.Add(shift.Start);
                points.Add(shift.End);
            }
        }
        points.Sort();

        var result = new List<Shift>();
        var cursors = new int[layers.Count];
        for (var p = 0; p < points.Count - 1; p++)
        {
            var (start, end) = (points[p], points[p + 1]);
            if (start == end)
            {
                continue;
            }
            for (var l = layers.Count - 1; l >= 0; l--)
            {
                // Stretches are visited in time order, so a cursor only moves forward.
                var layer = layers[l];
                while (cursors[l] < layer.Count && layer[cursors[l]].End <= start)
                {
                    cursors[l]++;
                }
                if (cursors[l] < layer.Count && layer[cursors[l]].Start <= start)
                {
                    Append(result, new Shift(layer[cursors[l]].User, start, end));
                    break;
                }
            }
        }
        return result;
    }

    /// <summary>Adds <paramref name="shift"/> at the end, joining it to the last shift when the same user continues.</summary>
    public static void Append(List<Shift> shifts, Shift shift)
    {
        if (shifts.Count > 0 && shifts[^1] is var last && last.End == shift.Start && string.Equals(last.User, shift.User, StringComparison.Ordinal))
        {
            shifts[^1] = last with { End = shift.End };
        }
        else
        {
            shifts.Add(shift);
        }
    }
}
