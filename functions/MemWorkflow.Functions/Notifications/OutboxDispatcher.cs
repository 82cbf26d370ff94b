using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Notifications;

/// <summary>Sends an evaluation's due outbox rows; its workflow calls this on every wake-up and sleeps
/// until the returned next attempt. A row is claimed (If-Match) before it is sent, so two senders never
/// send one row at once; a claim that outlives a crash expires and the row is sent again
/// (at-least-once). Throttling and provider faults (429, 5xx, timeouts, and a key refused with 401/403 or
/// missing: see <see cref="SendGridSender"/>) back off exponentially with jitter, or as long as
/// Retry-After says, for <see cref="EmailOptions.RetryFor"/> (72 hours) before a row is failed; a
/// permanent refusal fails it at once, and every MEM Unit user gets an alert about it. When messages
/// have been failing for <see cref="EmailOptions.AlertAfter"/>, the delivery incident opens once in the
/// <see cref="IncidentStore"/> (so /api/health and the portal show it) and the MEM Unit is alerted once,
/// through the local mailbox if the provider itself is down; the incident closes with the next delivery
/// of a message that had been failing (a pending one at its next attempt, or one the MEM Unit retried:
/// while only messages failed for good remain, it stays open and the portal keeps showing it).</summary>
public sealed partial class OutboxDispatcher(
    StorageTables tables,
    IncidentStore incidents,
    IEmailSender sender,
    LocalMailboxSender localMailbox,
    ParticipantDirectory participants,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    IOptions<MemOptions> mem,
    MemMetrics metrics,
    ILogger<OutboxDispatcher> logger)
{
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);
    /// <summary>Alerts: the configured sender first, the local mailbox when that fails (the provider may be what is down).</summary>
    public const string FallbackChannel = "fallback";
    private const string Sending = "sending";

    /// <summary>The one delivery incident: every message goes through the same provider, so one refusal
    /// is the provider's state, not a message's.</summary>
    public const string IncidentKey = "delivery";

    /// <summary>Sends the stream's due rows (alerts about rows that fail now go out in the same call) and
    /// answers when the next attempt is due, or null when nothing is left to send.</summary>
    public async Task<DateTimeOffset?> DispatchAsync(string roundId, string stream, CancellationToken cancellationToken = default)
    {
        var (_, alerts, next) = await DispatchOnceAsync(roundId, stream, cancellationToken);
        return alerts > 0 ? (await DispatchOnceAsync(roundId, stream, cancellationToken)).Next : next;
    }

    private async Task<(int Sent, int Alerts, DateTimeOffset? Next)> DispatchOnceAsync(string roundId, string stream, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = new List<TableEntity>();
        DateTimeOffset? next = null;
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith(RowKeys.OutboxPrefix)} and Stream eq {OData.Quote(stream)} and (Status eq {OData.Quote(OutboxStatus.Pending)} or Status eq {OData.Quote(Sending)})";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var at = row.GetString("Status") == OutboxStatus.Pending ? row.GetDateTimeOffset("NextAttemptAt")!.Value : row.GetDateTimeOffset("ClaimedUntil")!.Value;
            if (at <= now)
                due.Add(row);
            else
                next = next is null || at < next ? at : next;
        }

        int sent = 0, alerts = 0, recovered = 0;
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
                {
                    Interlocked.Increment(ref sent);
                    // A message that had failed before and now went through says the provider works again.
                    if (row.GetString("Channel") != FallbackChannel && row.GetInt32("Attempts") > 1)
                        Interlocked.Increment(ref recovered);
                }
                else if (!failed)
                    lock (due)
                        next = next is null || row.GetDateTimeOffset("NextAttemptAt") < next ? row.GetDateTimeOffset("NextAttemptAt") : next;
                if (row.GetString("Channel") == FallbackChannel)
                    return;
                if (failed)
                    Interlocked.Add(ref alerts, await AlertAsync(roundId, row, "failed", await memUnit.Value, token));
                else if (!delivered && now - row.GetDateTimeOffset("FailingSince") >= options.Value.AlertAfter
                    && await incidents.OpenAsync(IncidentKey, IncidentKey, "email delivery", row.GetDateTimeOffset("FailingSince")!.Value, row.GetString("LastError"), token))
                    Interlocked.Add(ref alerts, await AlertAsync(roundId, row, "incident", await memUnit.Value, token));
            });
        }
        if (recovered > 0)
            await incidents.CloseAsync(IncidentKey, cancellationToken);
        return (sent, alerts, next);
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
            row.GetString("ToName"), row.GetString("Language"), row.GetString("Subject"), Storage.StateChunks.Read(row, "Text"), Storage.StateChunks.Read(row, "Html"));
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
        var failingSince = result.Delivered ? (DateTimeOffset?)null : row.GetDateTimeOffset("FailingSince") ?? now;
        var failed = !result.Delivered && (result.Permanent || now - failingSince >= options.Value.RetryFor);
        if (result.Delivered)
            metrics.EmailSent(email.Kind);
        else if (failed)
            metrics.EmailFailed(email.Kind);
        else
            metrics.EmailRetried(email.Kind);
        row["FailingSince"] = failingSince;
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
}
