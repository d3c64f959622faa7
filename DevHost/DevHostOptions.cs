using Microsoft.Extensions.DependencyInjection;

namespace Klaxon.DevHost;

/// <summary>How to start DevHost. Command-line flags map onto these; tests and benchmarks set them directly.</summary>
public sealed class DevHostOptions
{
    /// <summary>Where to listen. Default <c>http://127.0.0.1:7071</c> (the Functions host's port); port 0 picks a free one.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Account documents to load: files, or folders of <c>*.json</c>. Empty loads the demo account.</summary>
    public List<string> ConfigPaths { get; } = [];

    /// <summary>Extra configuration (app settings), applied over environment variables.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Adjusts host.json's settings (tests shorten retry delays).</summary>
    public Func<HostJsonSettings, HostJsonSettings>? ConfigureHost { get; set; }

    /// <summary>Replaces or adds services after Klaxon's (tests swap the time provider or dispatcher).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Write the console log. Default true; tests turn it off.</summary>
    public bool ConsoleLog { get; set; } = true;

    /// <summary>
    /// Which notification providers to use. Default <see cref="ProviderMode.Outbox"/>; <see cref="ProviderMode.Prism"/>
    /// starts Prism mocks of Twilio and SendGrid and configures every channel with throwaway credentials.
    /// </summary>
    public ProviderMode Providers { get; set; } = ProviderMode.Outbox;

    /// <summary>Fill in local defaults (signing key, Twilio auth token, public base URL) for unset settings. Default true.</summary>
    public bool LocalDefaults { get; set; } = true;

    /// <summary>
    /// Play App Service Authentication's part for the responder app with a password-less
    /// local sign-in page, (class <c>Klaxon.DevHost.LocalSignIn</c>). Default true; tests turn it off to see the app as
    /// deployed without platform authentication.
    /// </summary>
    public bool LocalSignIn { get; set; } = true;

    /// <summary>Run the queue and timer triggers. Default true; the bench's baselines reuse DevHost's HTTP side alone.</summary>
    public bool RunTriggers { get; set; } = true;
}
