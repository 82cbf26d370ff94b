using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Core.Workflow;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Shell;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Notifications;

/// <summary>Sends a round's due outbox rows. A row is claimed (If-Match) before it is sent, so two
/// dispatchers never send one row at once; a claim that outlives a crash expires and the row is sent
/// again (at-least-once). Failures back off exponentially with jitter, or as long as the provider's
/// Retry-After says; after the allowed attempts, or at once for a permanent refusal, the row is
/// failed and every MEM Unit user gets an alert, through the local mailbox if the provider itself is down.</summary>
public sealed class OutboxDispatcher(
    StorageTables tables,
    IEmailSender sender,
    LocalMailboxSender localMailbox,
    ParticipantDirectory participants,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    IOptions<MemOptions> mem,
    ILogger<OutboxDispatcher> logger)
{
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);
    /// <summary>Alerts: the configured sender first, the local mailbox when that fails (the provider may be what is down).</summary>
    public const string FallbackChannel = "fallback";
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
        var (sent, alerts) = await DispatchOnceAsync(roundId, cancellationToken);
        // Alerts about messages that just failed go out in the same call.
        return alerts > 0 ? sent + (await DispatchOnceAsync(roundId, cancellationToken)).Sent : sent;
    }

    private async Task<(int Sent, int Alerts)> DispatchOnceAsync(string roundId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = new List<TableEntity>();
        var filter = $"PartitionKey eq '{roundId}' and {RowKeys.StartsWith(RowKeys.OutboxPrefix)} and (Status eq '{OutboxStatus.Pending}' or Status eq '{Sending}')";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("NextAttemptAt") <= now && (row.GetString("Status") == OutboxStatus.Pending || row.GetDateTimeOffset("ClaimedUntil") < now))
                due.Add(row);
        }

        int sent = 0, alerts = 0;
        // Who to alert is read once per pass, and only if something fails.
        var memUnit = new Lazy<Task<IReadOnlyList<Recipient>>>(async () => (await participants.ActiveAsync(cancellationToken)).MemUnit());
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken };
        foreach (var chunk in due.Chunk(TableLimits.MaxTransactionActions))
        {
            // Rows are independent entities, so a claimed chunk is sent several at a time.
            await Parallel.ForEachAsync(await ClaimAsync(chunk, now, cancellationToken), parallel, async (row, token) =>
            {
                var (delivered, failed) = await SendAsync(roundId, row, token);
                if (delivered)
                    Interlocked.Increment(ref sent);
                if (failed && row.GetString("Channel") != FallbackChannel)
                    Interlocked.Add(ref alerts, await AlertAsync(roundId, row, await memUnit.Value, token));
            });
        }
        return (sent, alerts);
    }

    /// <summary>Gives a failed message a fresh set of attempts, now.</summary>
    public async Task<bool> RetryAsync(string roundId, string rowKey, CancellationToken cancellationToken = default)
    {
        var row = await tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, rowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity || entity.GetString("Status") != OutboxStatus.Failed)
            return false;
        entity["Status"] = OutboxStatus.Pending;
        entity["NextAttemptAt"] = clock.GetUtcNow();
        entity["AttemptsAllowed"] = (entity.GetInt32("Attempts") ?? 0) + options.Value.MaxAttempts;
        await tables.Rounds.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, cancellationToken);
        await TryDispatchAsync(roundId, cancellationToken);
        return true;
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

    private async Task<(bool Delivered, bool Failed)> SendAsync(string roundId, TableEntity row, CancellationToken cancellationToken)
    {
        var email = new OutgoingEmail(row.RowKey, roundId, row.GetString("Stream"), row.GetString("Kind"), row.GetString("ToEmail"),
            row.GetString("ToName"), row.GetString("Language"), row.GetString("Subject"), row.GetString("Text"), row.GetString("Html"));
        var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
        SendResult result;
        try
        {
            result = await sender.SendAsync(email, cancellationToken);
            if (!result.Delivered && row.GetString("Channel") == FallbackChannel)
                result = await localMailbox.SendAsync(email, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or TimeoutException)
        {
            result = new SendResult(false, null, e.Message);
        }

        var now = clock.GetUtcNow();
        var failed = !result.Delivered && (result.Permanent || attempts >= (row.GetInt32("AttemptsAllowed") ?? options.Value.MaxAttempts));
        row["Attempts"] = attempts;
        row["LastError"] = result.Error;
        row["LastAttemptAt"] = now;
        if (result.Delivered)
        {
            row["Status"] = OutboxStatus.Sent;
            row["SentAt"] = now;
            row["ProviderMessageId"] = result.ProviderMessageId;
        }
        else
        {
            row["Status"] = failed ? OutboxStatus.Failed : OutboxStatus.Pending;
            row["NextAttemptAt"] = now + (result.RetryAfter is { } after && after > TimeSpan.Zero ? after : Backoff(attempts));
            logger.LogWarning("Email {OutboxId} of {RoundId} not delivered (attempt {Attempt}): {Error}", row.RowKey, roundId, attempts, result.Error);
        }
        try
        {
            await tables.Rounds.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            logger.LogWarning("Email {OutboxId} of {RoundId} was claimed by another dispatcher while being sent", row.RowKey, roundId);
            return (result.Delivered, false);
        }
        return (result.Delivered, failed);
    }

    /// <summary>Exponential backoff with jitter: half the doubled delay, plus a random part of the other half.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(options.Value.MaxDelay.TotalSeconds, options.Value.BaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromSeconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private async Task<int> AlertAsync(string roundId, TableEntity failed, IReadOnlyList<Recipient> memUnit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (to, index) in memUnit.Select((r, i) => (r, i)))
        {
            var alert = DeliveryAlertEmail.For(to, failed.GetString("ToEmail"), failed.GetString("Kind"), failed.GetString("Subject"), roundId,
                failed.GetString("Stream"), failed.GetInt32("Attempts") ?? 0, failed.GetString("LastError") ?? "", mem.Value.PortalBaseUrl);
            var row = OutboxRow.Create(roundId, $"outbox|alert|{failed.RowKey[RowKeys.OutboxPrefix.Length..]}|{index:D3}", failed.GetString("Stream"), alert, now);
            row["Channel"] = FallbackChannel;
            try
            {
                await tables.Rounds.AddEntityAsync(row, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
        }
        logger.LogError("Email {OutboxId} of {RoundId} failed after {Attempts} attempts; {Alerts} MEM Unit users alerted",
            failed.RowKey, roundId, failed.GetInt32("Attempts"), memUnit.Count);
        return memUnit.Count;
    }
}
