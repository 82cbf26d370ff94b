using Azure;
using Azure.Data.Tables;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Notifications;

/// <summary>The MEM Unit's hand retry of failed messages: a failed row becomes pending again with a
/// fresh retry period, due now. The caller rings the doorbell of each stream it answers, whose workflow
/// (started again if it had ended) sends the rows. Each row is changed with If-Match, so a row that
/// another retry or a dispatcher changed meanwhile is left to that one.</summary>
public sealed class OutboxRetries(StorageTables tables, TimeProvider clock, ILogger<OutboxRetries> logger)
{
    /// <summary>Retries one failed message; answers its stream, or null when there is no such failed message.</summary>
    public async Task<string?> RetryAsync(string roundId, string rowKey, CancellationToken cancellationToken = default)
    {
        var row = await tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, rowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity || entity.GetString("Status") != OutboxStatus.Failed)
            return null;
        Reset(entity);
        await tables.Rounds.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken);
        return entity.GetString("Stream");
    }

    /// <summary>Retries every failed message of the round; answers the streams of those it retried, one
    /// entry per message.</summary>
    public async Task<IReadOnlyList<string>> RetryAllAsync(string roundId, CancellationToken cancellationToken = default)
    {
        // Only the columns the merge needs are read, not the bodies.
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith(RowKeys.OutboxPrefix)} and Status eq {OData.Quote(OutboxStatus.Failed)}";
        var failed = new List<TableEntity>();
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Stream", "Status"], cancellationToken: cancellationToken))
            failed.Add(row);

        var retried = new List<string>();
        foreach (var chunk in failed.Chunk(TableLimits.MaxTransactionActions))
        {
            foreach (var row in chunk)
                Reset(row);
            try
            {
                // One transaction per hundred rows; if another retry got any of them first, one by one.
                await tables.Rounds.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, Merge(r), r.ETag)), cancellationToken);
                retried.AddRange(chunk.Select(r => r.GetString("Stream")));
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
            {
                foreach (var row in chunk)
                {
                    try
                    {
                        await tables.Rounds.UpdateEntityAsync(Merge(row), row.ETag, TableUpdateMode.Merge, cancellationToken);
                        retried.Add(row.GetString("Stream"));
                    }
                    catch (RequestFailedException inner) when (inner.Status is 412 or 404)
                    {
                    }
                }
            }
        }
        logger.LogInformation("Retried {Count} failed emails of {RoundId} by hand", retried.Count, roundId);
        return retried;
    }

    /// <summary>The retry period starts now: FailingSince is set, not cleared, because a merge may keep a
    /// property it is sent as null, and the old date would fail the message again at its next refusal.</summary>
    private void Reset(TableEntity row)
    {
        var now = clock.GetUtcNow();
        row["Status"] = OutboxStatus.Pending;
        row["NextAttemptAt"] = now;
        row["FailingSince"] = now;
    }

    // The merge carries only what changes; the bodies stay as they are.
    private static TableEntity Merge(TableEntity row) => new(row.PartitionKey, row.RowKey)
    {
        ["Status"] = row["Status"],
        ["NextAttemptAt"] = row["NextAttemptAt"],
        ["FailingSince"] = row["FailingSince"],
    };
}
