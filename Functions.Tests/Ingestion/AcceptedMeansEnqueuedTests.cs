using System.Net;
using System.Text;
using Azure.Storage.Queues;
using Klaxon.Common;
using Klaxon.DevHost;
using Klaxon.Incidents;
using Klaxon.Ingestion;
using Klaxon.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Tests.Ingestion;

/// <summary>
/// With the triggers off, the events queue shows exactly what the endpoint enqueued: one message per 202, and nothing
/// for any other answer.
/// </summary>
public sealed class AcceptedMeansEnqueuedTests : IAsyncLifetime
{
    private DevHostApp _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await DevHostApp.StartAsync(new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false, RunTriggers = false });
        _http = new HttpClient { BaseAddress = _host.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Only_a_202_leaves_a_message_and_it_carries_the_whole_event()
    {
        var demo = _host.IntegrationUrls.First(i => i.Type == Klaxon.Accounts.IntegrationType.Webhook).Url.PathAndQuery.TrimStart('/');
        var rejected = new (string Path, string ContentType, string Body)[]
        {
            (demo + "x", "application/json", """{"event_type":"create","Id":"a","Title":"t","Description":"d"}"""),
            (demo, "text/plain", """{"event_type":"create","Id":"a","Title":"t","Description":"d"}"""),
            (demo, "application/json", """{"event_type":"create","Id":"a"}"""),
            (demo, "application/json", new string(' ', (512 * 1024) + 1)),
        };
        foreach (var (path, contentType, body) in rejected)
        {
            using var response = await _http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
            Assert.NotEqual(HttpStatusCode.Accepted, response.StatusCode);
        }
        var queue = _host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.EventsQueue);
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);

        using var accepted = await _http.PostAsync(demo, new StringContent(
            """{"event_type":"resolve","Id":"a","Tags":["x"],"extra":{"n":1}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var message = Assert.Single((await queue.PeekMessagesAsync(32)).Value);
        var envelope = EventQueue.Deserialize(message.Body.ToString());
        Assert.Equal(("15", "b965aee0-38b7-11e7-b537-ff479bbed3d0", "a"), (envelope.AccountId, envelope.IntegrationId, envelope.AlertId));
        Assert.Equal(Klaxon.Incidents.IncidentActionKind.Resolve, envelope.Action);
        Assert.Equal("ops", envelope.TeamId);
        Assert.Equal(Urgency.High, envelope.Urgency);
        Assert.Equal("""{"n":1}""", envelope.Details!["extra"]!.ToJsonString());
    }
}
