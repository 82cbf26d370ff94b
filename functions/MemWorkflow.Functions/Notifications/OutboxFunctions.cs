using Azure.Data.Tables;
using MemWorkflow.Contracts.Notifications;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Notifications;

/// <summary>What the MEM Unit sees of a round's email: everything not yet delivered, and what failed,
/// with a hand retry for one failed message or for all of them (after a provider outage or a wrong key,
/// the messages that failed meanwhile).</summary>
public sealed class OutboxFunctions(HttpFunctions http)
{
    [Function(nameof(ListOutbox)), HttpHandler(nameof(ListAsync), Access.MemUnit)]
    public Task<IResult> ListOutbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/outbox")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(RetryEmail)), HttpHandler(nameof(RetryAsync), Access.MemUnit)]
    public Task<IResult> RetryEmail([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/outbox/{messageId}/retry")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(RetryFailedEmails)), HttpHandler(nameof(RetryAllAsync), Access.MemUnit)]
    public Task<IResult> RetryFailedEmails([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/outbox/retry")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    private static readonly string[] ListedColumns =
        ["RowKey", "ToEmail", "Kind", "Subject", "Status", "Attempts", "LastError", "CreatedAt", "NextAttemptAt", "ProviderMessageId"];

    /// <summary>Pending, in-flight and failed messages; <c>?status=all</c> lists the delivered too.</summary>
    private static async Task<Results<Ok<IReadOnlyList<OutboxMessage>>, ProblemHttpResult>> ListAsync(
        string roundId, string? status, RoundQueries queries, StorageTables tables, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(roundId, cancellationToken) is null)
            return Problems.NotFound($"No round {roundId}.");
        // Storage filters out the delivered ones and sends only the listed columns, not the bodies.
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith(RowKeys.OutboxPrefix)}" + (status == "all" ? "" : $" and Status ne {OData.Quote(OutboxStatus.Sent)}");
        var messages = new List<OutboxMessage>();
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, select: ListedColumns, cancellationToken: cancellationToken))
        {
            messages.Add(new OutboxMessage(ToId(row.RowKey), row.GetString("ToEmail"), row.GetString("Kind"), row.GetString("Subject"), row.GetString("Status"),
                row.GetInt32("Attempts") ?? 0, row.GetString("LastError"), row.GetDateTimeOffset("CreatedAt")!.Value, row.GetDateTimeOffset("NextAttemptAt"),
                row.GetString("ProviderMessageId")));
        }
        return TypedResults.Ok<IReadOnlyList<OutboxMessage>>(messages);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RetryAsync(
        string roundId, string messageId, Doorbell doorbell, RoundQueries queries, OutboxRetries retries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(roundId, cancellationToken) is null || messageId.Length > 100 || messageId.Any(c => c is '/' or '\\' or '#' or '?' or '\''))
            return Problems.NotFound($"No message {messageId} in round {roundId}.");
        if (await retries.RetryAsync(roundId, FromId(messageId), cancellationToken) is not { } stream)
            return Problems.Conflict($"Message {messageId} has not failed (or does not exist): only a failed message is retried by hand.");
        await doorbell.RingAsync(roundId, stream);
        return TypedResults.Accepted($"/api/rounds/{roundId}/outbox");
    }

    /// <summary>Every failed message of the round at once; each affected evaluation's workflow is rung
    /// (started again if it had ended) and sends them. Nothing failed: 200 with 0, so a repeat is harmless.</summary>
    private static async Task<Results<Ok<OutboxRetried>, ProblemHttpResult>> RetryAllAsync(
        string roundId, Doorbell doorbell, RoundQueries queries, OutboxRetries retries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(roundId, cancellationToken) is null)
            return Problems.NotFound($"No round {roundId}.");
        var streams = await retries.RetryAllAsync(roundId, cancellationToken);
        await doorbell.RingAllAsync(roundId, streams.Distinct(StringComparer.Ordinal));
        return TypedResults.Ok(new OutboxRetried(streams.Count));
    }

    /// <summary>Outbox ids in URLs use dots: row keys use '|', which does not belong in a path.</summary>
    public static string ToId(string rowKey) => rowKey[RowKeys.OutboxPrefix.Length..].Replace('|', '.');

    public static string FromId(string id) => RowKeys.OutboxPrefix + id.Replace('.', '|');
}
