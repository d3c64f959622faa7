using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Klaxon.Common;
using Klaxon.Incidents;
using Klaxon.Reports;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Xunit.Abstractions;

namespace Klaxon.Tests.Reports;

/// <summary>
/// The report's storage cost follows the incidents opened in its period: the same number of requests with 600 other
/// incidents in the account as with none, and one more per incident in the period.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class ResponseReportCostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Requests_follow_the_incidents_in_the_period_not_the_incidents_in_the_account()
    {
        var account = "rc" + Guid.NewGuid().ToString("N")[..12];
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var reader = new ResponseHistoryReader(StorageClientFactory.CreateTableServiceClient(azurite.Configuration, options));
        var period = new ReportPeriod(Day.AddDays(10), Day.AddDays(11), null);

        async Task<(int Requests, int Incidents, int Pages)> CostAsync()
        {
            var before = counter.Count;
            var (incidents, pages) = await reader.ReadAsync(account, period, CancellationToken.None);
            return (counter.Count - before, incidents.Count, pages.Count);
        }

        // Three incidents in the period (numbers 301–303), each with one page.
        await SeedAsync(account, 301, 3, Day.AddDays(10).AddHours(1));
        var alone = await CostAsync();
        // 300 incidents before the period and 300 after it.
        await SeedAsync(account, 1, 300, Day);
        await SeedAsync(account, 304, 300, Day.AddDays(20));
        var among600 = await CostAsync();
        // Three more in the period.
        await SeedAsync(account, 604, 3, Day.AddDays(10).AddHours(5));
        var six = await CostAsync();

        output.WriteLine($"storage requests: k=3 alone {alone.Requests}; k=3 among N=606 {among600.Requests}; k=6 among N=609 {six.Requests}");
        Assert.Equal((3, 3), (alone.Incidents, alone.Pages));
        Assert.Equal(2 + 3, alone.Requests);
        Assert.Equal(alone, among600);
        Assert.Equal((2 + 6, 6, 6), six);
    }

    /// <summary>Incident rows, their opened-at index rows and one page line each, as the applier and delivery write them.</summary>
    private async Task SeedAsync(string account, long firstNumber, int count, DateTimeOffset openedAt)
    {
        var table = azurite.Tables.GetTableClient(StorageNames.IncidentsTable);
        var rows = new List<TableEntity>();
        for (var i = 0; i < count; i++)
        {
            var number = firstNumber + i;
            var at = openedAt.AddMinutes(i);
            var summary = new IncidentSummary(number, $"e{number}", IncidentStatus.Open, new EventOrder(at, $"e{number}"), 1, null, null, null, null);
            var content = new IncidentContent($"k{number}", "mon", "ops", "t", "d", Urgency.High, [], new JsonObject());
            rows.Add(IncidentRows.NewIncidentEntity(account, summary, content, $"key|{number}", Guid.NewGuid().ToString()));
            rows.Add(OpenedIndex.Entity(account, summary, content));
            rows.Add(IncidentRows.TimelineEntity(account,
                new TimelineNote(number, new EventOrder(at, $"p{number}"), "page", "Paged alice by sms (outbox: test).", "outbox", "klaxon"), $"p{number}", 0, at));
        }
        foreach (var batch in rows.Chunk(99))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), CancellationToken.None);
        }
    }
}
