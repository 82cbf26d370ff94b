using System.Reflection;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MemWorkflow.LocalHost;

/// <summary>Runs every queue-triggered function of the app as the Functions host's queue extension does, with
/// the settings host.json gives it (extensions.queues): a message is handed over as its text and deleted once the
/// function returns; a function that throws sees the message again after <c>visibilityTimeout</c>, and after
/// <c>maxDequeueCount</c> tries it moves to <c>{queue}-poison</c>. An idle queue is polled less and less often,
/// up to <c>maxPollingInterval</c>. The queue's name is the trigger's binding expression with its settings.
/// <c>Mem:LocalHost:Queues:VisibilityTimeout</c> overrides host.json's (tests that make a send fail).</summary>
public sealed class QueueTriggers(
    IServiceProvider services, QueueServiceClient queues, IConfiguration configuration, IOptions<LocalHostOptions> options, ILogger<QueueTriggers> logger)
    : BackgroundService
{
    private static readonly IReadOnlyList<FunctionInvoker> Functions = FunctionInvoker.Declared(typeof(StorageOptions).Assembly, nameof(QueueTriggerAttribute));

    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);
    private readonly HostJson.QueueSettings settings = HostJson.Read(HostJson.DefaultPath).Queues is var read
        && options.Value.Queues.VisibilityTimeout is { } visibility ? read with { VisibilityTimeout = visibility } : read;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Functions.Select(f => PollAsync(f, TaskHub.Resolve(f.Trigger.GetCustomAttribute<QueueTriggerAttribute>()!.QueueName, configuration), stoppingToken)));

    private async Task PollAsync(FunctionInvoker function, string name, CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(name);
        var idle = TimeSpan.FromMilliseconds(100);
        var exists = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Once, not on every poll (and again after a failure: storage may have lost it).
                if (!exists)
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                exists = true;
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(16, Hold, stoppingToken);
                foreach (var message in messages)
                    await HandleAsync(function, queue, message, stoppingToken);
                idle = messages.Length > 0 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                if (messages.Length > 0)
                    continue;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage unreachable: the messages wait in the queue; poll again later.
                logger.LogWarning(e, "Polling queue {Queue} failed", name);
                idle = settings.MaxPollingInterval;
                exists = false;
            }
            try
            {
                await Task.Delay(idle, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task HandleAsync(FunctionInvoker function, QueueClient queue, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await InvokeAsync(function, message.Body.ToString(), stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                logger.LogError(e, "{Function} failed on message {MessageId} {Count} times: moved to {Queue}-poison", function.Name, message.MessageId, message.DequeueCount, queue.Name);
                var poison = queues.GetQueueClient(queue.Name + "-poison");
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.SendMessageAsync(message.Body, cancellationToken: stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                return;
            }
            logger.LogWarning(e, "{Function} failed on message {MessageId} (try {Count}); it is offered again in {Delay}", function.Name, message.MessageId, message.DequeueCount, settings.VisibilityTimeout);
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken);
        }
    }

    private async Task InvokeAsync(FunctionInvoker function, string text, CancellationToken stoppingToken)
    {
        await using var scope = services.CreateAsyncScope();
        await function.InvokeAsync(new FunctionCall(scope.ServiceProvider, text, stoppingToken));
    }
}
