using System.Globalization;
using System.Text.Json;

namespace Klaxon.Bench.Escalation;

public static class EscalationReportPrinter
{
    public static void Print(EscalationReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("Escalation sweep: cost per due item, whatever the number of open incidents");
        output.WriteLine("  open      due  handed-on  sweep ms  rows read (sweep+run)  rows/due item  requests/due item  run ms  target rows/item <= 2");
        foreach (var s in report.Scale)
        {
            output.WriteLine(string.Create(c,
                $"  {s.Open,-8}  {s.Due,-4} {s.HandedOn,-9}  {s.SweepMs,8:0.0}  {s.SweepRowsRead,9} + {s.ProcessRowsRead,-9}  {s.RowsReadPerDueItem,13:0.00}  {s.RequestsPerDueItem,17:0.00}  {s.ProcessMs,6:0}  {(s.RowsReadPerDueItem <= 2 ? "PASS" : "MISS")}"));
        }
        if (report.Scale.Count >= 2)
        {
            var (small, large) = (report.Scale[0], report.Scale[^1]);
            output.WriteLine(string.Create(c,
                $"  ratio {large.Open}/{small.Open} open: sweep time x{large.SweepMs / small.SweepMs:0.00}, sweep rows read x{(double)large.SweepRowsRead / small.SweepRowsRead:0.00} (open incidents x{(double)large.Open / small.Open:0})"));
        }
        var l = report.Lateness;
        output.WriteLine();
        output.WriteLine(string.Create(c,
            $"Escalation lateness on DevHost (timer '{l.Schedule}', every {l.IntervalSeconds:0} s): {l.Received}/{l.Expected} pages, p50 {l.LatenessMs.P50Ms:0} ms, p99 {l.LatenessMs.P99Ms:0} ms, max {l.LatenessMs.MaxMs:0} ms; bound interval + 1 s = {l.BoundMs:0} ms: {(l.Received == l.Expected && l.LatenessMs.MaxMs <= l.BoundMs ? "PASS" : "MISS")}"));
    }

    public static Task WriteJsonAsync(EscalationReport report, string path) =>
        File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
}
