using MemWorkflow.Core.Assignments;

namespace MemWorkflow.Assignments;

/// <summary>Staffs every evaluation exactly, with Google OR-Tools.
/// <para>Infeasible problems are refused before any search: <see cref="AssignmentRules.FindInfeasibility"/>
/// is an exact pre-check (per-seat rules, locked seats, and a max-flow at the load cap) and its explanation
/// is the result. Otherwise each role is solved on its own (experts and consultants share no seat), one
/// objective at a time, in the MEM's order:</para>
/// <list type="number">
/// <item>maximum load: the smallest load at which every seat can be filled (max-flow, never above the cap);</item>
/// <item>minimum load, among candidates who may take a seat at all: raised as far as it goes (min-cost flow
/// with load bounds, OR-Tools);</item>
/// <item>expertise score (experts): seats weighted by how many of the evaluation's pillars the expert knows
/// (min-cost flow, OR-Tools);</item>
/// <item>reciprocal pairs of states (experts): CP-SAT, over the assignments optimal for 1-3 only;</item>
/// <item>seats repeating a previous round's pair: CP-SAT for experts, min-cost flow for consultants.</item>
/// </list>
/// <para>Stages 1-3 (and the consultants' last one) are network flows, whose optimum over integer
/// assignments is exact and proven in milliseconds; CP-SAT searches only where a flow cannot go, on a model
/// reduced to the optimal assignments of the earlier stages (complementary slackness), each stage bounding
/// its objective before the next. CP-SAT runs on one worker with the problem's seed and a deterministic time
/// limit, and the flows are deterministic, so the same problem and seed give the same proposal. Every
/// proposal is re-checked by <see cref="AssignmentRules.Validate"/>; a failure there is a bug and throws.</para></summary>
public sealed partial class CpSatAssignmentSolver(CpSatAssignmentSolverOptions options) : IAssignmentSolver
{
    public CpSatAssignmentSolver()
        : this(new CpSatAssignmentSolverOptions())
    {
    }

    public SolveResult Solve(AssignmentProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (AssignmentRules.FindInfeasibility(problem) is { } infeasibility)
            return new SolveResult.Infeasible(infeasibility);

        var experts = new CandidatePool(problem, SeatRole.Expert);
        var consultants = new CandidatePool(problem, SeatRole.Consultant);
        var expertSeats = StaffExperts(experts, problem.Seed, cancellationToken);
        var consultantSeats = StaffConsultants(consultants, cancellationToken);
        if (expertSeats is null || consultantSeats is null)
            return new SolveResult.Infeasible(AssignmentRules.Explain(problem));

        // The workflow checks every proposal with the core's validator before anyone sees it.
        return new SolveResult.Proposed(Proposal(problem, experts, expertSeats.Value.Seats, consultants, consultantSeats, expertSeats.Value.Proven));
    }

    private static AssignmentProposal Proposal(
        AssignmentProblem problem, CandidatePool experts, IReadOnlyList<int>[] expertSeats, CandidatePool consultants, IReadOnlyList<int>[] consultantSeats, bool optimal)
    {
        var evaluations = problem.Evaluations.Select((need, v) => new EvaluationAssignment(
                need.MemberState,
                expertSeats[v].Select(i => experts.Candidates[i].ParticipantId).ToList(),
                consultants.Candidates[consultantSeats[v].Single()].ParticipantId))
            .ToList();
        return new AssignmentProposal(
            evaluations,
            AssignmentRules.LoadsOf(problem.Experts, evaluations.SelectMany(e => e.Experts)),
            AssignmentRules.LoadsOf(problem.Consultants, evaluations.Select(e => e.Consultant)),
            AssignmentRules.MeasureObjectives(problem, evaluations),
            optimal);
    }
}
