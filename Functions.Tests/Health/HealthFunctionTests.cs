using System.Net;
using Klaxon.Tests.Rig;

namespace Klaxon.Tests.Health;

[Collection(DevHostCollection.Name)]
public class HealthFunctionTests(DevHostFixture devHost)
{
    [Fact]
    public async Task Health_is_anonymous_and_ok_when_storage_answers()
    {
        using var response = await devHost.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }
}
