using Azure;
using Azure.Data.Tables;

namespace MemWorkflow.Functions.Participants;

public sealed partial class ParticipantDirectory
{
    private const string RosterRow = "roster";
    private const int RosterAttempts = 8;

    /// <summary>The roster's version: a row every change of who is active rewrites, with the ETag it was read with,
    /// in the change's own transaction. A rule over the active participants (a state's NCE cap, the MEM Unit's cap,
    /// "not the last MEM Unit user") is read after the roster and committed only if the roster has not moved since:
    /// two registrations, or two deactivations, at the same moment cannot both pass a check that allows one.</summary>
    private async Task<ETag?> RosterAsync(CancellationToken cancellationToken)
    {
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, RosterRow, select: ["RowKey"], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ETag : null;
    }

    /// <summary>Moves the roster on, if it is still at <paramref name="read"/> (or creates it, if there was none).</summary>
    private TableTransactionAction RosterMoves(ETag? read)
    {
        var row = new TableEntity(Partition, RosterRow) { ["ChangedAt"] = clock.GetUtcNow() };
        return read is { } etag ? new(TableTransactionActionType.UpdateReplace, row, etag) : new(TableTransactionActionType.Add, row);
    }

    /// <summary>Whether a transaction failed only because the roster moved under it: decide again.</summary>
    private static bool RosterMoved(TableTransactionFailedException e, int rosterIndex) =>
        e.Status is 409 or 412 && e.FailedTransactionActionIndex == rosterIndex;
}
