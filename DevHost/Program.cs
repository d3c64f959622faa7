using Klaxon.DevHost;

// dotnet run --project DevHost [-- --config <file-or-folder> ...] [--urls http://127.0.0.1:7071] [--providers outbox|prism]
// dotnet run --project DevHost -- replay-poison [queue]
// dotnet run --project DevHost -- vapid-keys
if (args.Length > 0 && args[0] == "replay-poison")
{
    var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddEnvironmentVariables().Build();
    if (string.IsNullOrWhiteSpace(configuration[Klaxon.Storage.StorageClientFactory.SettingName])
        && string.IsNullOrWhiteSpace(configuration[$"{Klaxon.Storage.StorageClientFactory.SettingName}:queueServiceUri"]))
    {
        Console.Error.WriteLine("Set AzureWebJobsStorage (or AzureWebJobsStorage__queueServiceUri) to the storage account holding the poison queue.");
        return 2;
    }
    var queueName = args.Length > 1 ? args[1] : Klaxon.Storage.StorageNames.EventsQueue;
    var moved = await PoisonReplay.ReplayAsync(Klaxon.Storage.StorageClientFactory.CreateQueueServiceClient(configuration), queueName, CancellationToken.None);
    Console.WriteLine($"Moved {moved} message(s) from {Klaxon.Storage.StorageNames.PoisonQueueFor(queueName)} back to {queueName}.");
    return 0;
}
if (args.Length > 0 && args[0] == VapidKeysCommand.Name)
{
    return VapidKeysCommand.Run(Console.Out);
}

var options = new DevHostOptions();
var passThrough = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--config" when i + 1 < args.Length:
            options.ConfigPaths.Add(Path.GetFullPath(args[++i]));
            break;
        case "--urls" when i + 1 < args.Length:
            options.Urls = args[++i];
            break;
        case "--providers" when i + 1 < args.Length && Enum.TryParse<ProviderMode>(args[i + 1], ignoreCase: true, out var mode):
            options.Providers = mode;
            i++;
            break;
        case "--help" or "-h":
            Console.WriteLine("""
                Klaxon DevHost: runs the Klaxon functions locally against Azurite.
                  --config <path>   account document (file or folder of *.json); repeatable; default: the demo account
                  --urls <url>      where to listen (default http://127.0.0.1:7071)
                  --providers <p>   outbox (default: channels without provider settings record in the outbox) or
                                    prism (Prism mocks of Twilio and SendGrid validate every page DevHost sends)
                replay-poison [queue]   move messages from <queue>-poison back to <queue> (default klaxon-events)
                vapid-keys              print a new VAPID key pair as the Notifications__WebPush__* app settings
                Settings come from the environment: AzureWebJobsStorage (else Azurite is started), Klaxon__Access__OperatorKey,
                EscalationSchedule, Klaxon__ConfigCacheSeconds, DevHost__QueueLease (how long a running queue message stays
                hidden; default the host's 00:10:00).
                """);
            return 0;
        default:
            passThrough.Add(args[i]);
            break;
    }
}

await using var devHost = await DevHostApp.StartAsync(options, [.. passThrough]);
Console.WriteLine($"""

    Klaxon DevHost listening on {devHost.BaseAddress}
    Storage:   {(devHost.StartedAzurite ? "Azurite (in memory)" : "AzureWebJobsStorage")}
    Operator:  {devHost.OperatorKey}   (Authorization: Bearer; creates accounts and their API keys)
    Channels:  {LocalProviders.Describe(options.Providers, devHost.ProviderMocks)}
    App:       {devHost.BaseAddress}app/   (local sign-in without a password, DevHost only)
    SMS reply: curl -X POST '{devHost.BaseAddress}devhost/twilio/sms' -H 'Authorization: Bearer {devHost.OperatorKey}' --data-urlencode 'From=+15551230001' --data-urlencode 'Body=1a'
    """);
foreach (var (account, key) in devHost.ApiKeys)
{
    Console.WriteLine($"    API key of account {account} (admin): {key}   (Authorization: Bearer)");
}
foreach (var integration in devHost.IntegrationUrls)
{
    Console.WriteLine(DemoCommands.For(integration, devHost.BaseAddress));
}
Console.WriteLine("Ctrl-C stops DevHost and the Azurite it started.");
await devHost.WaitForShutdownAsync();
if (devHost.ProviderMocks is { } mocks)
{
    Console.WriteLine($"Prism validated {mocks.Twilio.Passed} Twilio and {mocks.SendGrid.Passed} SendGrid request(s); violations: {mocks.Violations.Count}.");
    foreach (var violation in mocks.Violations)
    {
        Console.WriteLine("  " + Klaxon.DevHost.ConsoleText.Escape(violation));
    }
}
return 0;
