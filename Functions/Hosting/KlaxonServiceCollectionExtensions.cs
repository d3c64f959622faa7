using Klaxon.Accounts;
using Klaxon.App;
using Klaxon.Common;
using Klaxon.Escalation;
using Klaxon.Heartbeats;
using Klaxon.Incidents;
using Klaxon.Ingestion;
using Klaxon.Maintenance;
using Klaxon.Notifications;
using Klaxon.Outgoing;
using Klaxon.Reports;
using Klaxon.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.Hosting;

public static class KlaxonServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything the Klaxon functions need. Used by the Functions worker and by DevHost alike, so both run the
    /// same services against the storage named by <c>AzureWebJobsStorage</c>.
    /// </summary>
    public static IServiceCollection AddKlaxon(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KlaxonOptions>().Bind(configuration.GetSection(KlaxonOptions.Section));
        services.AddUrlLoggingFilters();
        services.AddKlaxonTelemetry(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => StorageClientFactory.CreateTableServiceClient(configuration));
        services.AddSingleton(_ => StorageClientFactory.CreateQueueServiceClient(configuration));
        services.AddSingleton<StorageInitializer>();
        services.AddSingleton<StorageProbe>();
        services.AddHostedService(provider => provider.GetRequiredService<StorageInitializer>());

        services.AddSingleton<AccountStore>();
        services.AddOptions<AccessOptions>().Bind(configuration.GetSection(AccessOptions.Section))
            // A short operator key can be guessed: refuse to start rather than accept it.
            .Validate(options => options.IsStrongEnough, AccessOptions.OperatorKeyRule)
            .ValidateOnStart();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<CredentialEndpoints>();
        services.AddSingleton<ApiAccess>();
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section));
        services.AddSingleton<AppGate>();
        services.AddSingleton<CalendarLinks>();
        services.AddSingleton<EventQueue>();
        services.AddSingleton<WebhookIntake>();
        services.AddSingleton(provider => new IncidentNumbers(
            provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient(StorageNames.IncidentsTable)));
        services.AddSingleton(new KeyStateCache());
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IncidentApplier>();
        services.AddSingleton<IncidentReader>();
        services.AddSingleton<IncidentCommands>();
        services.AddSingleton<IncidentNoteLog>();
        services.AddSingleton<IncidentNotes>();
        services.AddSingleton<AdHocMaintenanceStore>();
        services.AddSingleton<MaintenanceWindows>();
        services.AddSingleton<ResponseHistoryReader>();
        services.AddSingleton<IImmediateNotifications, InlineNotifications>();
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<OnceLog>();
        services.AddSingleton<EscalationStore>();
        services.AddSingleton<DueIndex>();
        services.AddSingleton<EscalationQueue>();
        services.AddSingleton<EscalationRunner>();
        services.AddSingleton<HeartbeatStore>();
        services.AddSingleton<HeartbeatMonitor>();
        services.AddSingleton<IHeartbeatDeadlines>(provider => provider.GetRequiredService<HeartbeatMonitor>());
        services.AddSingleton<IAccountSavedHandler, HeartbeatClock>();
        services.AddKlaxonNotifications(configuration);
        services.AddKlaxonOutgoing(configuration);
        services.TryAddSingleton<INotificationDispatcher, NotificationRouter>();
        services.TryAddSingleton<IEscalationSweeper, DueSweeper>();
        return services;
    }
}
