using System.Net;
using Klaxon.Accounts;
using Klaxon.Hosting;
using Klaxon.Storage;
using Klaxon.Tests.Rig;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Klaxon.Tests.Accounts.Access;

[Collection(AzuriteCollection.Name)]
public sealed class AccessOptionsTests(AzuriteFixture azurite)
{
    [Fact]
    public void A_short_operator_key_stops_start_up_with_the_rule()
    {
        using var services = Services("too-short-operator-key");

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AccessOptions>>().Value);

        Assert.Contains("at least 32 characters", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://klaxon-kv.vault.azure.net/secrets/operator-key)")]
    public async Task No_operator_key_or_an_unresolved_reference_means_no_operator(string? configured)
    {
        using var services = Services(configured);
        var access = services.GetRequiredService<ApiAccess>();
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = "Bearer " + (configured is { Length: > 0 } ? configured : "@Microsoft.KeyVault(SecretUri=https://klaxon-kv.vault.azure.net/secrets/operator-key)");

        var caller = await access.CheckAsync(request, "15", ApiRole.Admin, operatorAllowed: true, CancellationToken.None);

        Assert.False(caller.IsOperator);
        Assert.Equal((int)HttpStatusCode.Unauthorized, Assert.IsType<ContentResult>(caller.Refusal).StatusCode);
    }

    [Fact]
    public async Task The_operator_key_is_accepted_only_where_the_route_allows_it()
    {
        const string key = "an-operator-key-of-forty-characters-0001";
        using var services = Services(key);
        var access = services.GetRequiredService<ApiAccess>();
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = "Bearer " + key;

        var allowed = await access.CheckAsync(request, "15", ApiRole.Admin, operatorAllowed: true, CancellationToken.None);
        var refused = await access.CheckAsync(request, "15", ApiRole.ReadOnly, operatorAllowed: false, CancellationToken.None);

        Assert.True(allowed.IsOperator);
        Assert.Null(allowed.Refusal);
        Assert.Equal(403, Assert.IsType<ContentResult>(refused.Refusal).StatusCode);
    }

    private ServiceProvider Services(string? operatorKey)
    {
        var settings = new Dictionary<string, string?>(azurite.Configuration.AsEnumerable()) { ["Klaxon:Access:OperatorKey"] = operatorKey };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddKlaxon(configuration).BuildServiceProvider();
    }
}
