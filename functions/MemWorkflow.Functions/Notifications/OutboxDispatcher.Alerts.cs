using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Notifications;

/// <summary>What happens to a message that keeps failing: it waits longer each time, and once it fails for good the MEM Unit is told.</summary>
public sealed partial class OutboxDispatcher
{
    /// <summary>Exponential backoff with jitter: half the doubled delay, plus a random part of the other half.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(options.Value.MaxDelay.TotalSeconds, options.Value.BaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        return TimeSpan.FromSeconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private async Task<int> AlertAsync(string roundId, TableEntity failed, string why, IReadOnlyList<Recipient> memUnit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (to, index) in memUnit.Select((r, i) => (r, i)))
        {
            var alert = DeliveryAlertEmail.For(to, failed.GetString("ToEmail"), failed.GetString("Kind"), failed.GetString("Subject"), roundId,
                failed.GetString("Stream"), failed.GetInt32("Attempts") ?? 0, failed.GetString("LastError") ?? "", mem.Value.PortalBaseUrl);
            var row = OutboxRow.Create(roundId, $"outbox|alert|{why}|{failed.RowKey[RowKeys.OutboxPrefix.Length..]}|{index:D3}", failed.GetString("Stream"), alert, now);
            row["Channel"] = FallbackChannel;
            try
            {
                await tables.Rounds.AddEntityAsync(row, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }
        }
        logger.LogError("Email {OutboxId} of {RoundId}: {Why} after {Attempts} attempts; {Alerts} MEM Unit users alerted",
            failed.RowKey, roundId, why, failed.GetInt32("Attempts"), memUnit.Count);
        return memUnit.Count;
    }
}
