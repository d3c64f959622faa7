using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Klaxon.DevHost;

/// <summary>
/// Drives one queue-triggered function with the Functions host's queue semantics, read from host.json:
/// fetch up to <c>batchSize</c> messages, fetch more when no more than <c>newBatchThreshold</c> are running, back off
/// up to <c>maxPollingInterval</c> while the queue is empty; delete a message when the function returns; on failure make
/// it visible again after <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c> attempts copy it unchanged to
/// <c>&lt;queue&gt;-poison</c> and delete it. A running message stays hidden for <c>lease</c> (the host's 10 minutes unless
/// <c>DevHost:QueueLease</c> says otherwise), renewed halfway, as the host does (<see cref="QueueMessageLease"/>).
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionEntry function,
    string queueName,
    QueueServiceClient queues,
    IServiceProvider services,
    HostJsonSettings host,
    TimeSpan lease,
    TimeProvider time,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    /// <summary>
    /// How long a fetched message stays hidden while the function runs. The host's queue listener hard-codes 10 minutes
    /// (host.json's <c>visibilityTimeout</c> is for failed messages only) and renews it halfway.
    /// </summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(10);

    /// <summary>The app setting for a different lease, DevHost only: a what-if for crash recovery (<c>bench -- crash</c>).</summary>
    public const string LeaseSetting = "DevHost:QueueLease";
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = Client(queueName);
        var poison = Client(Storage.StorageNames.PoisonQueueFor(queueName));
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        var running = new List<Task>();
        var delay = MinPollingInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(task => task.IsCompleted);
                if (running.Count > host.NewBatchThreshold)
                {
                    await Task.WhenAny(running).ConfigureAwait(false);
                    continue;
                }
                QueueMessage[] messages;
                try
                {
                    messages = (await queue.ReceiveMessagesAsync(host.BatchSize, lease, stoppingToken).ConfigureAwait(false)).Value;
                }
                catch (Azure.RequestFailedException failure)
                {
                    LogPollFailed(queueName, failure.Message);
                    messages = [];
                }
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, host.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinPollingInterval;
                running.AddRange(messages.Select(message => ProcessAsync(queue, poison, message, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        // Settling a message must happen even while shutting down, or it would be retried needlessly.
        var settle = CancellationToken.None;
        if (message.DequeueCount > host.MaxDequeueCount)
        {
            await MoveToPoisonAsync(queue, poison, message, message.PopReceipt, settle).ConfigureAwait(false);
            return;
        }
        var held = QueueMessageLease.Hold(queue, message, lease, time);
        try
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                await function.InvokeAsync(scope.ServiceProvider, parameter =>
                    parameter.ParameterType == typeof(string) ? message.Body.ToString()
                    : parameter.ParameterType == typeof(CancellationToken) ? stoppingToken
                    : throw new NotSupportedException($"DevHost cannot bind {parameter.Name} of {function.Name}.")).ConfigureAwait(false);
            }
            finally
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
            await queue.DeleteMessageAsync(message.MessageId, held.PopReceipt, settle).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            LogFailed(function.Name, message.MessageId, message.DequeueCount, host.MaxDequeueCount, failure);
            try
            {
                if (message.DequeueCount >= host.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(queue, poison, message, held.PopReceipt, settle).ConfigureAwait(false);
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, held.PopReceipt, visibilityTimeout: host.VisibilityTimeout, cancellationToken: settle)
                        .ConfigureAwait(false);
                }
            }
            catch (Azure.RequestFailedException settleFailure)
            {
                // The lease will expire and the message reappear on its own; that is the host's behaviour too.
                LogSettleFailed(message.MessageId, settleFailure.Message);
            }
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string popReceipt, CancellationToken cancellationToken)
    {
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt, cancellationToken).ConfigureAwait(false);
        LogPoisoned(message.MessageId, poison.Name, message.DequeueCount);
    }

    /// <summary>The app's queue clients encode base64, matching host.json (DevHost refuses to start otherwise).</summary>
    private QueueClient Client(string name) => queues.GetQueueClient(name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (attempt {Attempt} of {MaxAttempts})")]
    private partial void LogFailed(string function, string messageId, long attempt, int maxAttempts, Exception failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {PoisonQueue} after {Attempts} attempts")]
    private partial void LogPoisoned(string messageId, string poisonQueue, long attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Queue} failed: {Reason}")]
    private partial void LogPollFailed(string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageId}: {Reason}")]
    private partial void LogSettleFailed(string messageId, string reason);
}
