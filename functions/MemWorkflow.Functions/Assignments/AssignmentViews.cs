using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Assignments;

public sealed record ProposalRequest(int? Seed);

public sealed record DeclineRequest(string? Reason);

public sealed record ProposalView(
    string ProposalId, int Seed, IReadOnlyList<EvaluationAssignment> Evaluations, IReadOnlyDictionary<string, int> Loads,
    IReadOnlyDictionary<string, int> ConsultantLoads, AssignmentObjectives Objectives, bool Optimal, DateTimeOffset CreatedAt)
{
    public static ProposalView Of(StoredProposal p) => new(p.ProposalId, p.Seed, p.Proposal.Evaluations, p.Proposal.ExpertLoads,
        p.Proposal.ConsultantLoads, p.Proposal.Objectives, p.Proposal.Optimal, p.CreatedAt);
}

public sealed record AssignmentView(string RoundId, string ProposalId, DateTimeOffset CommittedAt, IReadOnlyList<EvaluationAssignment> Evaluations, IReadOnlyList<Decline> Declined)
{
    public static AssignmentView Of(RoundState round) =>
        new(round.RoundId, round.Assignment!.ProposalId, round.Assignment.CommittedAt, round.Assignment.Evaluations, round.Declined);
}

/// <summary>What an expert who declined learns: their own seat, now given up, and nothing of anyone else's.</summary>
public sealed record DeclinedSeat(string RoundId, string MemberState, string ExpertId, bool Declined = true);

public sealed record MyAssignment(
    string RoundId, string ThematicEvaluation, int Year, string MemberState, string Country, string Role, Stage? Stage,
    DateTimeOffset? Due, DateTimeOffset SubmissionDue, int DraftDays);
