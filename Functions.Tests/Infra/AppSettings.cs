using System.Reflection;
using System.Text.Json.Nodes;
using Klaxon.Common;
using Klaxon.Hosting;
using Klaxon.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Klaxon.Tests.Infra;

/// <summary>The function app's settings as compiled (the <c>Microsoft.Web/sites/config</c> 'appsettings' resource), and the settings the code reads.</summary>
internal static class AppSettings
{
    public static ArmResource Resource =>
        CompiledInfra.OfType("Microsoft.Web/sites/config").Single(r => r.Name.Contains("'appsettings'", StringComparison.Ordinal));

    public static IReadOnlyDictionary<string, string> Values =>
        Resource.Properties.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value!.ToJsonString());

    /// <summary>Secrets: held in Key Vault, present in the app only as Key Vault references.</summary>
    public static readonly string[] SecretSettings =
    [
        "Notifications__Twilio__AccountSid",
        "Notifications__Twilio__AuthToken",
        "Notifications__SendGrid__ApiKey",
        "Notifications__WebPush__VapidPrivateKey",
        "Notifications__EmailLinks__SigningKey",
        "Klaxon__Access__OperatorKey",
    ];

    /// <summary>Non-secret notification settings: plain parameters.</summary>
    public static readonly string[] PlainNotificationSettings =
    [
        "Notifications__Twilio__FromNumber",
        "Notifications__SendGrid__FromAddress",
        "Notifications__SendGrid__WebhookPublicKey",
        "Notifications__WebPush__VapidPublicKey",
        "Notifications__WebPush__Subject",
    ];

    /// <summary>
    /// Every setting the code reads: found by reflection where the code declares it (options classes with a
    /// <c>Section</c> constant, <c>%Setting%</c> timer schedules, trigger connections and the identity-based storage
    /// settings of <see cref="StorageClientFactory"/>), plus Application Insights and the notification settings.
    /// </summary>
    public static IReadOnlyList<string> ReadByCode()
    {
        var assembly = typeof(KlaxonOptions).Assembly;
        var settings = new SortedSet<string>(StringComparer.Ordinal)
        {
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        };
        settings.UnionWith(SecretSettings);
        settings.UnionWith(PlainNotificationSettings);

        foreach (var type in assembly.GetTypes())
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } section)
            {
                // A nested section such as Klaxon:App is Klaxon__App in app settings, as in environment variables.
                AddOptions(settings, ((string)section.GetRawConstantValue()!).Replace(":", "__", StringComparison.Ordinal), type);
            }
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (var parameter in method.GetParameters())
                {
                    if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer && timer.Schedule.StartsWith('%'))
                    {
                        settings.Add(timer.Schedule.Trim('%'));
                    }
                    if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } queue)
                    {
                        AddIdentityConnection(settings, queue.Connection ?? StorageClientFactory.SettingName);
                    }
                }
            }
        }
        AddIdentityConnection(settings, StorageClientFactory.SettingName);
        return [.. settings];
    }

    private static void AddIdentityConnection(SortedSet<string> settings, string connection)
    {
        // Host (blobs for keys and leases, queues for triggers) and StorageClientFactory (queues, tables), with the
        // user-assigned identity.
        foreach (var suffix in new[] { "blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId" })
        {
            settings.Add($"{connection}__{suffix}");
        }
    }

    private static void AddOptions(SortedSet<string> settings, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var name = $"{prefix}__{property.Name}";
            if (propertyType.IsPrimitive || propertyType.IsEnum || propertyType == typeof(string) || propertyType == typeof(TimeSpan)
                || propertyType == typeof(decimal) || propertyType == typeof(Uri) || propertyType == typeof(DateTimeOffset))
            {
                settings.Add(name);
            }
            else if (propertyType.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                AddOptions(settings, name, propertyType);
            }
        }
    }
}
