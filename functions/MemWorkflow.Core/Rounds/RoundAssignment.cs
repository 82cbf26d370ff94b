using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Assignments;

namespace MemWorkflow.Core.Rounds;

public sealed record CommittedAssignment(string ProposalId, IReadOnlyList<EvaluationAssignment> Evaluations, DateTimeOffset CommittedAt)
{
    public EvaluationAssignment? For(string memberState) => Evaluations.FirstOrDefault(e => e.MemberState == memberState);
}

public sealed record Decline(string MemberState, string DeclinedId, string ReplacementId, string Reason, DateTimeOffset At);

public sealed record AssignmentCommitted(string ProposalId, IReadOnlyList<EvaluationAssignment> Evaluations, DateTimeOffset At) : RoundEvent;

public sealed record ExpertReplaced(string MemberState, string DeclinedId, string ReplacementId, string Reason, DateTimeOffset At) : RoundEvent;

/// <summary>Commits a reviewed proposal, all or nothing.</summary>
public sealed record CommitAssignment(string ProposalId, IReadOnlyList<EvaluationAssignment> Evaluations, Actor Actor, DateTimeOffset Now)
    : RoundCommand(Actor, Now);

/// <summary>An expert declined one evaluation; the replacement was chosen changing no other seat.</summary>
public sealed record ReplaceExpert(string MemberState, string DeclinedId, string ReplacementId, string Reason, Actor Actor, DateTimeOffset Now)
    : RoundCommand(Actor, Now);

public static partial class RoundDecider
{
    private static Decision<RoundEvent> Commit(CommitAssignment commit, RoundState state)
    {
        if (state.Status != RoundStatus.Open)
            return Decision<RoundEvent>.Refuse(RejectionKind.Conflict, $"The round is {state.Status.ToString().ToLowerInvariant()}: no assignment can be committed.");
        if (state.Assignment is { } existing)
            return Decision<RoundEvent>.Refuse(RejectionKind.Conflict, existing.ProposalId == commit.ProposalId
                ? $"Proposal {commit.ProposalId} was already committed at {existing.CommittedAt:u}."
                : $"Proposal {existing.ProposalId} is already committed for this round; an expert who cannot serve declines, and is replaced seat by seat.");
        var expected = state.Settings.Countries.Select(c => c.MemberState).Order(StringComparer.Ordinal);
        if (!commit.Evaluations.Select(e => e.MemberState).Order(StringComparer.Ordinal).SequenceEqual(expected))
            return Decision<RoundEvent>.Refuse(RejectionKind.Invalid, "The proposal does not cover exactly the round's member states.");
        return Decision<RoundEvent>.Of(new AssignmentCommitted(commit.ProposalId, commit.Evaluations, commit.Now));
    }

    private static Decision<RoundEvent> Replace(ReplaceExpert replace, RoundState state)
    {
        if (state.Status != RoundStatus.Open)
            return Decision<RoundEvent>.Refuse(RejectionKind.Conflict, $"The round is {state.Status.ToString().ToLowerInvariant()}: no expert is replaced.");
        var seats = state.Assignment?.For(replace.MemberState);
        if (seats is null || !seats.Experts.Contains(replace.DeclinedId))
            return Decision<RoundEvent>.Refuse(RejectionKind.NotFound, $"{replace.DeclinedId} is not assigned to the evaluation of {replace.MemberState}.");
        if (seats.Experts.Contains(replace.ReplacementId))
            return Decision<RoundEvent>.Refuse(RejectionKind.Conflict, $"{replace.ReplacementId} already evaluates {replace.MemberState}.");
        return Decision<RoundEvent>.Of(new ExpertReplaced(replace.MemberState, replace.DeclinedId, replace.ReplacementId, replace.Reason, replace.Now));
    }
}
