using Azure.Data.Tables;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Development;

/// <summary>Keeps the manual clock's time beside the local mailbox, so an app that restarts (or is
/// killed) on the same storage resumes where the clock was. Starting again from the configured start
/// would date new events before the ones already stored and plan every deadline from the past.</summary>
public sealed class ManualClockStore(StorageTables tables)
{
    private const string Partition = "clock";
    private const string Row = "manual";

    /// <summary>Moves the clock forward to the stored time, if that is later: the clock never goes back.</summary>
    public async Task RestoreAsync(ManualClock clock, CancellationToken cancellationToken = default)
    {
        var row = await tables.Mailbox.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        if (row.HasValue && row.Value!.GetInt64("UtcTicks") is { } ticks && ticks > clock.GetUtcNow().UtcTicks)
            clock.Advance(TimeSpan.FromTicks(ticks - clock.GetUtcNow().UtcTicks));
    }

    /// <summary>Ticks, not a date property: the clock comes back exactly as it was.</summary>
    public Task SaveAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        tables.Mailbox.UpsertEntityAsync(new TableEntity(Partition, Row) { ["UtcTicks"] = now.UtcTicks, ["Now"] = now },
            TableUpdateMode.Replace, cancellationToken);
}
