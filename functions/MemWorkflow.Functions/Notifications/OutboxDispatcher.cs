using Azure;
using Azure.Data.Tables;
using MemWorkflow.Functions.Shell;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Notifications;

/// <summary>Sends a round's pending outbox rows. A row is claimed (If-Match) before it is sent, so two
/// dispatchers never send the same row at once; a claim that outlives a crash expires and the row is
/// sent again (at-least-once delivery).</summary>
public sealed class OutboxDispatcher(
    StorageTables tables, IEmailSender sender, TimeProvider clock, IOptions<EmailOptions> options, ILogger<OutboxDispatcher> logger)
{
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);
    private const string Sending = "sending";

    /// <summary>Sends what a command just wrote. The command is already committed, so a storage or
    /// delivery failure here must not fail it: the next Tick sends what is left.</summary>
    public async Task TryDispatchAsync(string roundId, CancellationToken cancellationToken = default)
    {
        try
        {
            await DispatchAsync(roundId, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Outbox of {RoundId} not dispatched now; the next Tick retries", roundId);
        }
    }

    public async Task<int> DispatchAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = new List<TableEntity>();
        var filter = $"PartitionKey eq '{roundId}' and {RowKeys.StartsWith(RowKeys.OutboxPrefix)} and (Status eq '{OutboxStatus.Pending}' or Status eq '{Sending}')";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("NextAttemptAt") <= now && (row.GetString("Status") == OutboxStatus.Pending || row.GetDateTimeOffset("ClaimedUntil") < now))
                due.Add(row);
        }

        var sent = 0;
        foreach (var chunk in due.Chunk(TableLimits.MaxTransactionActions))
        {
            foreach (var row in await ClaimAsync(chunk, now, cancellationToken))
                sent += await SendAsync(roundId, row, cancellationToken) ? 1 : 0;
        }
        return sent;
    }

    private async Task<IReadOnlyList<TableEntity>> ClaimAsync(TableEntity[] rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            row["Status"] = Sending;
            row["ClaimedUntil"] = now + ClaimDuration;
        }
        try
        {
            // One transaction claims the whole chunk; if another dispatcher got any of it first, fall back to one by one.
            var response = await tables.Rounds.SubmitTransactionAsync(
                rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateMerge, r, r.ETag)), cancellationToken);
            for (var i = 0; i < rows.Length; i++)
                rows[i].ETag = response.Value[i].Headers.ETag ?? default;
            return rows;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            var claimed = new List<TableEntity>();
            foreach (var row in rows)
            {
                try
                {
                    var response = await tables.Rounds.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
                    row.ETag = response.Headers.ETag ?? default;
                    claimed.Add(row);
                }
                catch (RequestFailedException inner) when (inner.Status is 412 or 404)
                {
                }
            }
            return claimed;
        }
    }

    private async Task<bool> SendAsync(string roundId, TableEntity row, CancellationToken cancellationToken)
    {
        var email = new OutgoingEmail(row.RowKey, roundId, row.GetString("Stream"), row.GetString("Kind"), row.GetString("ToEmail"),
            row.GetString("ToName"), row.GetString("Language"), row.GetString("Subject"), row.GetString("Text"));
        var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
        SendResult result;
        try
        {
            result = await sender.SendAsync(email, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or TimeoutException)
        {
            result = new SendResult(false, null, e.Message);
        }

        var now = clock.GetUtcNow();
        row["Attempts"] = attempts;
        row["LastError"] = result.Error;
        if (result.Delivered)
        {
            row["Status"] = OutboxStatus.Sent;
            row["SentAt"] = now;
            row["ProviderMessageId"] = result.ProviderMessageId;
        }
        else
        {
            var failed = attempts >= options.Value.MaxAttempts;
            row["Status"] = failed ? OutboxStatus.Failed : OutboxStatus.Pending;
            row["NextAttemptAt"] = now + TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, attempts)));
            logger.LogWarning("Email {OutboxId} of {RoundId} not delivered (attempt {Attempt}): {Error}", row.RowKey, roundId, attempts, result.Error);
        }
        try
        {
            await tables.Rounds.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            logger.LogWarning("Email {OutboxId} of {RoundId} was claimed by another dispatcher while being sent", row.RowKey, roundId);
        }
        return result.Delivered;
    }
}
