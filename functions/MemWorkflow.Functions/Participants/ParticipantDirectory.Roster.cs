using Azure;
using Azure.Data.Tables;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Participants;

public sealed partial class ParticipantDirectory
{
    private const int RosterAttempts = 40;

    /// <summary>The roster of a group a rule counts: a state's NCE users (its cap), or the MEM Unit (its cap, and
    /// "not the last one"). Experts and consultants have no such rule, and no roster.</summary>
    private static string? RosterKey(Role role, string? memberState) => role switch
    {
        Role.Nce => $"roster|nce|{memberState}",
        Role.MemUnit => "roster|memUnit",
        _ => null,
    };

    /// <summary>A roster's version: a row every change of who is active in the group rewrites, with the ETag it was
    /// read with, in the change's own transaction. The group's rule is checked on the participants as read after the
    /// roster, and the change commits only if the roster has not moved since: two registrations (or deactivations)
    /// at the same moment cannot both pass a check that allows one. Null when the group has none yet.</summary>
    private async Task<ETag?> RosterAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is null)
            return null;
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, key, select: ["RowKey"], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.ETag : null;
    }

    /// <summary>Moves the roster on, if it is still at <paramref name="read"/> (or creates it, if there was none).</summary>
    private TableTransactionAction RosterMoves(string key, ETag? read)
    {
        var row = new TableEntity(Partition, key) { ["ChangedAt"] = clock.GetUtcNow() };
        return read is { } etag ? new(TableTransactionActionType.UpdateReplace, row, etag) : new(TableTransactionActionType.Add, row);
    }

    /// <summary>Whether a transaction failed only because the roster moved under it: decide again.</summary>
    private static bool RosterMoved(TableTransactionFailedException e, int rosterIndex) =>
        rosterIndex >= 0 && e.Status is 409 or 412 && e.FailedTransactionActionIndex == rosterIndex;

    /// <summary>A short random pause before deciding again, so that many changes at once do not collide in step.</summary>
    private static Task RosterBackoffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(5, 20 + 10 * Math.Min(attempt, 10)), cancellationToken);
}
