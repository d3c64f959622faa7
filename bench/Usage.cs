namespace Klaxon.Bench;

internal static class Usage
{
    public const string Text = """
        Klaxon benchmarks. Usage: dotnet run -c Release --project bench -- <benchmark> [options]

        Benchmarks:
          ingest   webhooks into DevHost + Azurite: accept throughput and latency, apply throughput,
                   accept->applied latency and storage transactions per event, against a bare Kestrel
                   endpoint, a raw SDK enqueue loop and a raw dequeue + table write loop on the same Azurite
          adversarial  hostile bodies, query and route values at every HTTP route on DevHost (the plan of
                   Functions.Tests/Http/AdversarialRouteTests), one at a time: p99 and max answer time per
                   route against 100 ms, 5xx count and largest answer
          escalation   the timer's sweep over N open incidents of which M are due (time, rows read per due
                   item), and page lateness against the timer interval on DevHost
          latency  202 -> first provider call on DevHost with a loopback Twilio stand-in: steady load at each
                   rate, and single events after idle (goal: p99 <= 1 s at 50/s, every single <= 1 s)
          crash    DevHost as a child process on a persistent Azurite under steady webhook load, killed
                   (SIGKILL) mid-load and started again: every 202 must become exactly one incident and one
                   SMS (PASS/MISS), and the events the dead process held are timed from the kill and the
                   restart to their page (they wait for the queue lease: the host's 10 minutes by default)

        Options for ingest:
          -n, --count <N>          events per measured phase (default 2000)
          -c, --concurrency <C>    webhook senders / enqueue workers in flight (default 32)
          -w, --warmup <W>         events per warm-up phase, not measured (default 200; 0 skips)
              --window <K>         apply rounds of K queued events; end to end, at most K events in the
                                   pipeline (default 128; keeps backlogs, and Azurite's per-message scans, small)
              --dispatch <mode>    inline (default, as deployed: apply rounds include the escalation start
                                   and first page) or queued (Klaxon:DispatchInline=false: they follow
                                   through the notifications queue)
              --json <file>        also write the figures as JSON
          -h, --help               this text

        Options for escalation:
              --open <N[,N...]>    open incidents to sweep over (default 10000,100000)
              --due <M>            how many of them are due (default 500)
              --pages <K>          pages timed for lateness on DevHost (default 300, due over 20 s)
              --schedule <cron>    the timer's NCRONTAB for the lateness part (default */5 * * * * *)
              --json <file>        also write the figures as JSON

        Options for latency:
              --rates <R[,R...]>   steady webhook rates in events/s (default 10,50)
              --duration <s>       seconds per rate (default 60)
              --idle <s>           idle seconds before each single event (default 120)
              --singles <K>        single events after idle (default 3)
              --dispatch <mode>    inline or queued only (default both, same run: Klaxon:DispatchInline)
              --json <file>        also write the figures as JSON

        Options for crash:
              --rate <R>           webhooks per second, each a new alert id (default 20)
              --duration <s>       seconds of load, across the kill and the restart (default 40)
              --kill-after <s>     seconds into the load when DevHost is killed (default 15)
              --down <s>           seconds DevHost stays dead before it is started again (default 2)
              --lease <s>          DevHost's queue lease (DevHost__QueueLease), a what-if; default the
                                   host's 10 minutes, so a default run takes about 12 minutes
              --json <file>        also write the figures as JSON

        Exit code: 0 after a run (targets met or not; see PASS/MISS in the output), 2 on bad arguments.
        """;
}
