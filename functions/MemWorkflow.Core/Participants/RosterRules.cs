using MemWorkflow.Contracts.Participants;

namespace MemWorkflow.Core.Participants;

/// <summary>How many active users a group may have: a state's NCE users, and the MEM Unit.</summary>
public sealed record RosterCaps(int MaxNceUsersPerState, int MaxMemUnitUsers);

/// <summary>Who may join or leave the groups a rule counts, decided on the active participants as read: the
/// same person once per role and state, the caps, and never the last active MEM Unit user (nobody could run
/// the mechanism any more). The directory reads and writes under the group's roster, so two changes at the same
/// moment cannot both pass a check that allows one.</summary>
public static class RosterRules
{
    public static Rejection? Registration(NewParticipant request, IReadOnlyCollection<Participant> active, RosterCaps caps)
    {
        var role = request.Role!.Value;
        if (active.Any(p => p.Role == role && p.MemberState == request.MemberState && string.Equals(p.Email, request.Email, StringComparison.OrdinalIgnoreCase)))
            return new Rejection(RejectionKind.Conflict, $"{request.Email} is already registered as {role}{(request.MemberState is null ? "" : $" for {request.MemberState}")}.");
        if (role == Role.Nce && active.Count(p => p.Role == Role.Nce && p.MemberState == request.MemberState) >= caps.MaxNceUsersPerState)
            return new Rejection(RejectionKind.Conflict,
                $"{request.MemberState} already has {caps.MaxNceUsersPerState} active NCE users, the most one state can have; deactivate one first.");
        if (role == Role.MemUnit && active.Count(p => p.Role == Role.MemUnit) >= caps.MaxMemUnitUsers)
            return new Rejection(RejectionKind.Conflict, $"The MEM Unit already has {caps.MaxMemUnitUsers} active users; deactivate one first.");
        return null;
    }

    public static Rejection? Deactivation(Participant participant, IReadOnlyCollection<Participant> active) =>
        participant.Role == Role.MemUnit && active.Count(p => p.Role == Role.MemUnit && p.Active) <= 1
            ? new Rejection(RejectionKind.Conflict, "This is the last active MEM Unit user; register another one first.")
            : null;
}
