using Azure.Data.Tables;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Http;

namespace MemWorkflow.Functions.Participants;

public sealed partial class ParticipantDirectory
{
    /// <summary>Registers a participant. With an Idempotency-Key (<see cref="CommandScope"/>) the registration
    /// is recorded in a marker row (<c>cmd|{id}</c>) in its transaction, and a repeat whose first answer was
    /// lost is answered as registered, with a new token: only a token's hash is kept, and the first answer's
    /// token was never seen (it stops working).</summary>
    public async Task<(Participant? Participant, string? Token, Rejection? Rejection)> RegisterAsync(
        NewParticipant request, CancellationToken cancellationToken = default)
    {
        var command = CommandScope.Current is { FromClient: true } scope ? scope : null;
        if (command is not null && await RepeatAsync(command, cancellationToken) is { } repeat)
            return repeat;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RegisterOnceAsync(request, command, cancellationToken);
            }
            catch (RosterMovedException)
            {
                // Someone joined or left the group between our read and our write: decide again on the roster as it is now.
                if (attempt == RosterAttempts)
                    return (null, null, new Rejection(RejectionKind.Conflict, "Participants of this group changed at the same moment, many times over; try again."));
                await RosterBackoffAsync(attempt, cancellationToken);
            }
        }
    }

    private sealed class RosterMovedException : Exception;

    private async Task<(Participant? Participant, string? Token, Rejection? Rejection)> RegisterOnceAsync(
        NewParticipant request, CommandScope? command, CancellationToken cancellationToken)
    {
        var rosterKey = RosterKey(request.Role!.Value, request.MemberState);
        var roster = await RosterAsync(rosterKey, cancellationToken);
        var existing = await ListAsync(null, cancellationToken);
        var active = existing.Where(p => p.Active).ToList();
        var role = request.Role!.Value;
        if (RosterRules.Registration(request, active, new RosterCaps(limits.Value.MaxNceUsersPerState, limits.Value.MaxMemUnitUsers)) is { } refused)
            return (null, null, refused);

        var participant = new Participant($"p-{Guid.NewGuid():N}"[..18], role, request.Name!.Trim(), request.Email!.Trim(), request.MemberState,
            request.Languages ?? [], (request.Expertise ?? []).Distinct().ToList(), true, clock.GetUtcNow());
        var token = NewToken();
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, ToRow(participant, Hash(token))),
            new(TableTransactionActionType.Add, TokenRow(participant, Hash(token))),
            new(TableTransactionActionType.UpsertReplace, EmailRow(participant)),
        ];
        if (command is not null)
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, CommandRow(command)) { ["Fingerprint"] = command.Fingerprint, ["ParticipantId"] = participant.Id }));
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
            if (command is not null && await RepeatAsync(command, cancellationToken) is { } committed)
                return committed;
            throw new RosterMovedException();
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // The SDK sent the transaction again after its answer was lost (it committed), or a repeat with the
            // same key committed in between: either way, what was registered is the answer.
            var stored = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, $"participant|{participant.Id}", cancellationToken: cancellationToken);
            if (stored.HasValue && stored.Value!.GetString("TokenHash") == Hash(token))
                return (participant, token, null);
            if (command is not null && await RepeatAsync(command, cancellationToken) is { } committed)
                return committed;
            throw;
        }
        return (participant, token, null);
    }

    private static string CommandRow(CommandScope command) => $"cmd|{command.Id}";

    private async Task<(Participant? Participant, string? Token, Rejection? Rejection)?> RepeatAsync(CommandScope command, CancellationToken cancellationToken)
    {
        var marker = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, CommandRow(command), cancellationToken: cancellationToken);
        if (!marker.HasValue)
            return null;
        if (marker.Value!.GetString("Fingerprint") != command.Fingerprint)
            return (null, null, new Rejection(RejectionKind.KeyReused,
                "This Idempotency-Key was already used for a different request; nothing was changed. Use a new key for a new request."));
        var id = marker.Value.GetString("ParticipantId");
        var (token, rejection) = await RotateTokenAsync(id, cancellationToken);
        return rejection is null ? (await GetAsync(id, cancellationToken), token, null) : (null, null, rejection);
    }
}
