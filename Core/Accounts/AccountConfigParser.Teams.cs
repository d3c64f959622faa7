using System.Text.Json;

namespace Klaxon.Accounts;

public sealed partial class AccountConfigParser
{
    private static readonly string[] TeamProperties = ["id", "name", "escalationPolicy", "chat"];
    private static readonly string[] PolicyProperties = ["layers", "repeat"];
    private static readonly string[] LayerProperties = ["targets", "escalateAfter"];
    private static readonly string[] TargetProperties = ["user", "schedule"];

    /// <summary>Shortest escalation delay; zero would page every layer at once.</summary>
    private static readonly TimeSpan MinEscalateAfter = TimeSpan.FromSeconds(1);

    private TeamConfig? ReadTeam(JsonElement element, string path, DuplicateIds seen)
    {
        var team = ConfigObject.Open(element, path, _errors, TeamProperties);
        if (team is null)
        {
            return null;
        }

        var id = ReadId(team, seen);
        var name = ReadName(team);
        var policy = ReadPolicy(team);
        return new TeamConfig(id, name, policy) { Chat = ReadChat(team) };
    }

    private EscalationPolicyConfig ReadPolicy(ConfigObject team)
    {
        var policy = team.Object("escalationPolicy", required: true, PolicyProperties);
        if (policy is null)
        {
            return new EscalationPolicyConfig([], 0);
        }

        var layerItems = policy.Array("layers", required: true);
        if (layerItems is { Count: 0 })
        {
            policy.Error("layers", "must have at least one layer");
        }
        else if (layerItems is { Count: > EscalationPolicyConfig.MaxLayers })
        {
            policy.Error("layers", $"must have at most {EscalationPolicyConfig.MaxLayers} layers");
        }
        var layers = (layerItems ?? [])
            .Select(item => ReadLayer(item.Element, item.Path))
            .OfType<EscalationLayerConfig>().ToList().AsReadOnly();
        var repeat = policy.Integer("repeat", 0, EscalationPolicyConfig.MaxRepeat) ?? 0;
        return new EscalationPolicyConfig(layers, repeat);
    }

    private EscalationLayerConfig? ReadLayer(JsonElement element, string path)
    {
        var layer = ConfigObject.Open(element, path, _errors, LayerProperties);
        if (layer is null)
        {
            return null;
        }

        var targetItems = layer.Array("targets", required: true);
        if (targetItems is { Count: 0 })
        {
            layer.Error("targets", "must have at least one target");
        }
        var targets = (targetItems ?? [])
            .Select(item => ReadTarget(item.Element, item.Path))
            .OfType<EscalationTarget>().ToList().AsReadOnly();

        var escalateAfter = ReadDuration(layer, "escalateAfter", required: true);
        if (escalateAfter is { } delay && delay.ApproximateTimeSpan < MinEscalateAfter)
        {
            layer.Error("escalateAfter", "must be at least PT1S");
        }
        return new EscalationLayerConfig(targets, escalateAfter ?? IsoDuration.Zero);
    }

    private EscalationTarget? ReadTarget(JsonElement element, string path)
    {
        var target = ConfigObject.Open(element, path, _errors, TargetProperties);
        if (target is null)
        {
            return null;
        }

        if (target.Has("user") == target.Has("schedule"))
        {
            _errors.Add(new(path, "must have exactly one of 'user' or 'schedule'"));
            return null;
        }
        if (target.Has("user"))
        {
            var user = target.String("user");
            if (user is not null)
            {
                CheckReference(target, "user", _users, "user", user);
            }
            return EscalationTarget.ForUser(user ?? "");
        }
        var schedule = target.String("schedule");
        if (schedule is not null)
        {
            CheckReference(target, "schedule", _schedules, "schedule", schedule);
        }
        return EscalationTarget.ForSchedule(schedule ?? "");
    }
}
