using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klaxon.Incidents;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Incidents;

/// <summary>Notes end to end on DevHost: written on the timeline once per id, shown by the incident read, bad input named.</summary>
[Collection(DevHostCollection.Name)]
public class IncidentNotesTests(DevHostFixture devHost)
{
    [Fact]
    public async Task A_note_is_on_the_timeline_once_however_often_it_is_sent_with_its_id()
    {
        var account = await OpenAsync();
        var body = """{"user":"alice","text":"Rolled back deploy 4411; watching.","id":"n-1"}""";

        using var first = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/notes", body);
        using var again = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/notes", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var answer = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("already_added", "n-1", "alice"), ((string?)answer["status"], (string?)answer["id"], (string?)answer["user"]));
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        var notes = incident["timeline"]!.AsArray().Where(t => (string?)t!["kind"] == "note").ToList();
        var note = Assert.Single(notes)!;
        Assert.Equal(("Rolled back deploy 4411; watching.", "alice", "api"), ((string?)note["message"], (string?)note["actor"], (string?)note["source"]));
    }

    [Fact]
    public async Task Notes_without_an_id_are_each_recorded_and_a_resolved_incident_takes_notes()
    {
        var account = await OpenAsync();
        using (await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"resolve","Id":"disk"}"""))
        {
        }
        await devHost.WaitForIncidentAsync(account.Id, 1, i => (string?)i["status"] == "resolved");

        using var one = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/notes", """{"user":"alice","text":"cause: full /var"}""");
        using var two = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/notes", """{"user":"alice","text":"cause: full /var"}""");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (one.StatusCode, two.StatusCode));
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.Equal(2, incident["timeline"]!.AsArray().Count(t => (string?)t!["kind"] == "note"));
    }

    [Theory]
    [InlineData("""{"text":"x"}""", "user")]
    [InlineData("""{"user":"mallory","text":"x"}""", "user")]
    [InlineData("""{"user":"alice"}""", "text")]
    [InlineData("""{"user":"alice","text":"   "}""", "text")]
    [InlineData("""{"user":"alice","text":5}""", "text")]
    [InlineData("""{"user":"alice","text":"x","id":"has space"}""", "id")]
    [InlineData("""["alice"]""", "body")]
    public async Task Bad_notes_are_400_naming_the_field_and_record_nothing(string body, string field)
    {
        var account = await OpenAsync();

        using var response = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/notes", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
        var incident = await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        Assert.DoesNotContain(incident["timeline"]!.AsArray(), t => (string?)t!["kind"] == "note");
    }

    [Fact]
    public async Task Text_of_exactly_4_KiB_of_UTF_8_is_accepted_and_one_byte_more_is_400()
    {
        var account = await OpenAsync();
        // "é" is two bytes of UTF-8: 2,047 of them and one "a" make 4,095 + 1 = 4,096 bytes.
        var exact = new string('é', 2047) + "a";
        var over = new string('é', 2048) + "a";

        using var ok = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/notes",
            new JsonObject { ["user"] = "alice", ["text"] = exact }.ToJsonString());
        using var tooLong = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/1/notes",
            new JsonObject { ["user"] = "alice", ["text"] = over }.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var error = (await tooLong.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!;
        Assert.Equal("text", (string?)error["field"]);
        Assert.Contains($"{IncidentNoteRules.MaxTextBytes} bytes", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_incident_is_404()
    {
        var account = await OpenAsync();

        using var noIncident = await devHost.Admin(HttpMethod.Post, $"api/accounts/{account.Id}/incidents/99/notes", """{"user":"alice","text":"x"}""");

        Assert.Equal(HttpStatusCode.NotFound, noIncident.StatusCode);
    }

    private async Task<TestAccount> OpenAsync()
    {
        var account = await devHost.CreateAccountAsync();
        using var response = await devHost.PostWebhookAsync(account.WebhookPath, """{"event_type":"create","Id":"disk","Title":"Disk full","Description":"d"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await devHost.WaitForIncidentAsync(account.Id, 1, _ => true);
        return account;
    }
}
