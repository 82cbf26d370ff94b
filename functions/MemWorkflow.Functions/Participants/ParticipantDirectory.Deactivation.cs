using System.Text;
using Azure;
using Azure.Data.Tables;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Participants;

public sealed partial class ParticipantDirectory
{
    /// <summary>Deactivates a participant and revokes its token at once. The last active MEM Unit user
    /// cannot be deactivated: nobody could run the mechanism any more.</summary>
    public async Task<Rejection?> DeactivateAsync(string id, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (rejection, rosterMoved) = await DeactivateOnceAsync(id, cancellationToken);
            if (!rosterMoved || attempt == RosterAttempts)
                return rosterMoved ? new Rejection(RejectionKind.Conflict, "Participants changed at the same moment, many times over; try again.") : rejection;
            await RosterBackoffAsync(attempt, cancellationToken);
        }
    }

    private async Task<(Rejection? Rejection, bool RosterMoved)> DeactivateOnceAsync(string id, CancellationToken cancellationToken)
    {
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, $"participant|{id}", cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity)
            return (new Rejection(RejectionKind.NotFound, $"No participant {id}."), false);
        var participant = FromRow(entity);
        if (!participant.Active)
            return (null, false);
        var rosterKey = RosterKey(participant.Role, participant.MemberState);
        var roster = await RosterAsync(rosterKey, cancellationToken);
        if (participant.Role == Role.MemUnit && RosterRules.Deactivation(participant, await ActiveAsync(cancellationToken)) is { } refused)
            return (refused, false);

        entity["Active"] = false;
        entity["DeactivatedAt"] = clock.GetUtcNow();
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, entity, entity.ETag),
            new(TableTransactionActionType.Delete, new TableEntity(Partition, $"token|{entity.GetString("TokenHash")}"), ETag.All),
        ];
        var rosterIndex = -1;
        if (rosterKey is not null)
        {
            actions.Add(RosterMoves(rosterKey, roster));
            rosterIndex = actions.Count - 1;
        }
        try
        {
            await tables.Participants.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (RosterMoved(e, rosterIndex))
        {
            return (null, true);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return (new Rejection(RejectionKind.Conflict, $"Participant {id} changed at the same moment; try again."), false);
        }
        await RevokeSessionsAsync(id, cancellationToken);
        return (null, false);
    }

    /// <summary>Ends every portal session of the participant at once (they also check the participant on every
    /// request, so one opened while this runs dies at its first use): on deactivation, on a new access token,
    /// and when the participant signs out everywhere.</summary>
    public async Task RevokeSessionsAsync(string id, CancellationToken cancellationToken)
    {
        var sessions = tables.Participants.QueryAsync<TableEntity>(
            $"PartitionKey eq {OData.Quote(Partition)} and {RowKeys.StartsWith("session|")} and ParticipantId eq {OData.Quote(id)}", select: ["RowKey"], cancellationToken: cancellationToken);
        // One signed out (or expired) at the same moment is already gone.
        await foreach (var session in sessions)
            await tables.Participants.DeleteIfExistsAsync(Partition, session.RowKey, cancellationToken);
    }
}
