using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Klaxon.Accounts;
using Klaxon.DevHost;

namespace Klaxon.Tests.Hosting;

/// <summary>
/// DevHost's demo account has one integration of each type, and the command it prints for each one works as printed
/// (each curl line is sent as written: the events are accepted, the heartbeat checks in).
/// </summary>
public sealed partial class DemoAccountTests : IAsyncLifetime
{
    private DevHostApp _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await DevHostApp.StartAsync(new DevHostOptions { Urls = "http://127.0.0.1:0", ConsoleLog = false, RunTriggers = false });
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task One_integration_of_each_type_with_a_printed_command_that_works()
    {
        Assert.Equal(Enum.GetValues<IntegrationType>().Order(), _host.IntegrationUrls.Select(i => i.Type).Order());
        foreach (var integration in _host.IntegrationUrls)
        {
            var printed = DemoCommands.For(integration, _host.BaseAddress);
            Assert.Contains(new Uri(_host.BaseAddress, integration.Url).ToString(), printed, StringComparison.Ordinal);
            if (PostLine().Match(printed) is { Success: true } post)
            {
                using var content = new StringContent(post.Groups["body"].Value, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(post.Groups["url"].Value, content);
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{integration.Type}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else
            {
                var get = GetLine().Match(printed);
                Assert.True(get.Success, printed);
                using var response = await _http.GetAsync(get.Groups["url"].Value);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [GeneratedRegex(@"curl -i -X POST '(?<url>[^']+)' -H 'Content-Type: application/json' -d '(?<body>[^']+)'")]
    private static partial Regex PostLine();

    [GeneratedRegex(@"curl -fsS '(?<url>[^']+)'")]
    private static partial Regex GetLine();
}
