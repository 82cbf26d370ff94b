using MemWorkflow.Contracts.Assignments;
using MemWorkflow.Core.Rounds;
using Solver = MemWorkflow.Core.Assignments;

namespace MemWorkflow.Functions.Assignments;

/// <summary>The contract's assignment views, made from what is stored and what the solver answers.</summary>
public static class AssignmentViews
{
    extension(ProposalView)
    {
        public static ProposalView Of(StoredProposal p) => new(p.ProposalId, p.Seed, p.Proposal.Evaluations.Select(Seats).ToList(), p.Proposal.ExpertLoads,
            p.Proposal.ConsultantLoads, Objectives(p.Proposal.Objectives), p.Proposal.Optimal, p.CreatedAt);
    }

    extension(AssignmentView)
    {
        public static AssignmentView Of(RoundState round) => new(round.RoundId, round.Assignment!.ProposalId, round.Assignment.CommittedAt,
            round.Assignment.Evaluations.Select(Seats).ToList(),
            round.Declined.Select(d => new MemWorkflow.Contracts.Assignments.Decline(d.MemberState, d.DeclinedId, d.ReplacementId, d.Reason, d.At)).ToList());
    }

    extension(UnstaffableEvaluation)
    {
        /// <summary>The 422 problem's <c>unstaffable</c> list.</summary>
        public static IReadOnlyList<UnstaffableEvaluation> Of(Solver.Infeasibility infeasibility) => infeasibility.Evaluations
            .Select(e => new UnstaffableEvaluation(e.MemberState, e.PillarId, e.Role, e.SeatsNeeded, e.EligibleCandidates,
                e.Excluded.Select(x => new Exclusion(x.ParticipantId, x.Name, x.Reasons)).ToList(), e.Explanation))
            .ToList();
    }

    private static EvaluationAssignment Seats(Solver.EvaluationAssignment a) => new(a.MemberState, a.Experts, a.Consultant);

    private static AssignmentObjectives Objectives(Solver.AssignmentObjectives o) => new(
        o.ExpertMaxLoad, o.ExpertMinLoad, o.ExpertiseScore, o.ReciprocalPairs, o.RepeatedPairs, o.ConsultantMaxLoad, o.ConsultantMinLoad);
}
