using System.Net;

namespace Klaxon.Notifications.Twilio;

/// <summary>
/// What one Twilio API call needs from, and tells to, the HTTP handlers under Twilio's library. Twilio's library
/// (8.2.0) takes no CancellationToken and reports an error body it cannot parse without its HTTP status, so the
/// sender opens a context around the call (an async-local, flowing down into the handlers): the handlers link the
/// caller's token into the request and record the final status and the number of tries.
/// </summary>
internal sealed class TwilioCallContext : IDisposable
{
    private static readonly AsyncLocal<TwilioCallContext?> CurrentContext = new();
    private readonly TwilioCallContext? _previous;
    private int _attempts;

    private TwilioCallContext(CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
        _previous = CurrentContext.Value;
        CurrentContext.Value = this;
    }

    public static TwilioCallContext? Current => CurrentContext.Value;

    public CancellationToken CancellationToken { get; }

    /// <summary>The HTTP status of the last response, after retries; null when none came (network error, timeout).</summary>
    public HttpStatusCode? LastStatus { get; set; }

    /// <summary>Requests sent, retries included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public static TwilioCallContext Begin(CancellationToken cancellationToken) => new(cancellationToken);

    public void CountAttempt() => Interlocked.Increment(ref _attempts);

    public void Dispose() => CurrentContext.Value = _previous;
}

/// <summary>Outermost: the caller's cancellation reaches the request (and the retry), and the final status is recorded.</summary>
internal sealed class TwilioCallHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (TwilioCallContext.Current is not { } call)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        var response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        call.LastStatus = response.StatusCode;
        return response;
    }
}

/// <summary>Inside the retry: counts tries, for the detail of a failure.</summary>
internal sealed class TwilioAttemptHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        TwilioCallContext.Current?.CountAttempt();
        return base.SendAsync(request, cancellationToken);
    }
}
