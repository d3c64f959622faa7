using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Klaxon.DevHost;

/// <summary>
/// Drives one timer-triggered function on its NCRONTAB schedule (six fields with seconds, or five), in UTC as the host
/// does by default. A tick that starts more than a second late is reported with <c>IsPastDue</c>.
/// </summary>
public sealed partial class TimerTriggerListener(
    FunctionEntry function,
    string schedule,
    IServiceProvider services,
    TimeProvider time,
    ILogger<TimerTriggerListener> logger) : BackgroundService
{
    /// <summary>The timer function this listener drives.</summary>
    public FunctionEntry Function => function;

    /// <summary>Its NCRONTAB schedule, as resolved from the app setting the trigger names.</summary>
    public string Schedule => schedule;

    public static CrontabSchedule Parse(string expression) =>
        CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions
        {
            IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6,
        });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cron = Parse(schedule);
        DateTime? last = null;
        var next = cron.GetNextOccurrence(time.GetUtcNow().UtcDateTime);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = next - time.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            var now = time.GetUtcNow().UtcDateTime;
            // Timers can wake a little early: the next occurrence must come after this one, not after "now".
            var following = cron.GetNextOccurrence(now > next ? now : next);
            var info = new TimerInfo
            {
                IsPastDue = now - next > TimeSpan.FromSeconds(1),
                ScheduleStatus = new ScheduleStatus { Last = last ?? DateTime.MinValue, Next = following, LastUpdated = now },
            };
            try
            {
                await using var scope = services.CreateAsyncScope();
                await function.InvokeAsync(scope.ServiceProvider, parameter =>
                    parameter.ParameterType == typeof(TimerInfo) ? info
                    : parameter.ParameterType == typeof(CancellationToken) ? stoppingToken
                    : throw new NotSupportedException($"DevHost cannot bind {parameter.Name} of {function.Name}.")).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFailed(function.Name, failure);
            }
            last = next;
            next = following;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private partial void LogFailed(string function, Exception failure);
}
