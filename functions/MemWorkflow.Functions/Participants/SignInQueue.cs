using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Participants;

/// <summary>A sign-in request as queued: the address as typed, and the portal page to return to.</summary>
public sealed record SignInRequested(string Email, string? ReturnTo);

/// <summary>Sign-in links go out from a queue, not from the request: <c>POST /api/sign-in</c> counts the request
/// and queues it, the same work for a known and an unknown address, so neither its answer nor its time tells them
/// apart. The queue lives beside the task hub's own (<c>{MemTaskHub}-signin</c>). Its trigger emails the links;
/// a send that fails throws, and the queue offers the request again after host.json's <c>visibilityTimeout</c>,
/// up to <c>maxDequeueCount</c> times, then moves it to the poison queue (each new link works 15 minutes, so the
/// retries fit in its life). Every hour the expired sign-in rows are deleted.</summary>
public sealed class SignInQueue(SignInLinks links, ExpiredSignIns expired)
{
    public const string Name = "%" + TaskHub.Setting + "%-signin";

    [Function(nameof(SendSignInLinks))]
    public Task SendSignInLinks([QueueTrigger(Name, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        links.SendAsync(JsonSerializer.Deserialize<SignInRequested>(message, JsonSerializerOptions.Web)!, cancellationToken);

    [Function(nameof(CleanSignIns))]
    public Task CleanSignIns([TimerTrigger("0 17 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        expired.CleanAsync(cancellationToken);
}

/// <summary>The sign-in queue as the app writes to it.</summary>
public sealed class SignInRequests(QueueServiceClient queues, IConfiguration configuration)
{
    private QueueClient Queue => queues.GetQueueClient(TaskHub.Resolve(SignInQueue.Name, configuration));

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public Task SendAsync(SignInRequested request, CancellationToken cancellationToken) =>
        Queue.SendMessageAsync(JsonSerializer.Serialize(request, JsonSerializerOptions.Web), cancellationToken);
}

/// <summary>The sign-in rows whose time is over: a link after its 15 minutes, an address's count after its window.</summary>
public sealed class ExpiredSignIns(StorageTables tables, TimeProvider clock, ILogger<ExpiredSignIns> logger)
{
    /// <summary>Deletes them (a query over the sign-in table alone, which holds at most an hour of requests).</summary>
    public async Task CleanAsync(CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        var filter = $"ExpiresAt lt datetime'{clock.GetUtcNow().UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}'";
        await foreach (var row in tables.SignIns.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await tables.SignIns.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken);
            deleted++;
        }
        if (deleted > 0)
            logger.LogInformation("Deleted {Count} expired sign-in rows", deleted);
    }
}
