using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemWorkflow.Core.Assignments;
using static MemWorkflow.Assignments.Tests.Pools;

namespace MemWorkflow.Assignments.Tests;

public sealed class SolverPropertySpecs
{
    private static readonly CpSatAssignmentSolver Solver = new();

    [Property(MaxTest = 60)]
    public Property EveryProposal_PassesTheValidator_AndEveryRefusalIsExplained() =>
        Prop.ForAll(RandomPools.AnyShape, shape =>
        {
            var problem = RandomPools.Any(shape);
            return Solver.Solve(problem) switch
            {
                SolveResult.Proposed { Proposal: var proposal } => AssignmentRules.Validate(problem, proposal).Count == 0,
                SolveResult.Infeasible { Infeasibility: var why } => why.Summary.Length > 0 && AssignmentRules.FindInfeasibility(problem) is not null,
                _ => false,
            };
        });

    [Property(MaxTest = 60)]
    public Property NoExpertOrConsultant_IsEverProposedForTheirOwnState() =>
        Prop.ForAll(RandomPools.AnyShape, shape =>
        {
            var problem = RandomPools.Any(shape);
            if (Solver.Solve(problem) is not SolveResult.Proposed { Proposal: var proposal })
                return true;
            var stateOf = problem.Experts.Concat(problem.Consultants).ToDictionary(c => c.ParticipantId, c => c.MemberState);
            return proposal.Evaluations.All(e => e.Experts.Append(e.Consultant).All(id => stateOf[id] != e.MemberState));
        });

    [Property(MaxTest = 40)]
    public Property Loads_AreWithinOne_WhenThePoolMakesThatPossible() =>
        Prop.ForAll(RandomPools.BalancedShape, shape =>
        {
            var proposal = Proposed(Solver.Solve(RandomPools.Balanced(shape)));
            var loads = proposal.ExpertLoads.Values.ToList();
            return proposal.Optimal
                && loads.Max() - loads.Min() <= 1
                && proposal.Objectives.ExpertMaxLoad - proposal.Objectives.ExpertMinLoad <= 1
                && proposal.Objectives.ConsultantMaxLoad - proposal.Objectives.ConsultantMinLoad <= 1;
        });

    [Property(MaxTest = 30)]
    public Property LockingPartOfAProposal_KeepsThoseSeats() =>
        Prop.ForAll(RandomPools.AnyShape, shape =>
        {
            var problem = RandomPools.Any(shape);
            if (Solver.Solve(problem) is not SolveResult.Proposed { Proposal: var first })
                return true;
            var random = new Random(shape.Seed);
            var locked = ExpertSeats(first).Where(_ => random.NextDouble() < 0.4).ToList();
            var lockedConsultants = first.Evaluations.Where(_ => random.NextDouble() < 0.4).Select(e => new Seat(e.MemberState, e.Consultant)).ToList();
            var relocked = problem with { LockedExperts = locked, LockedConsultants = lockedConsultants, Seed = problem.Seed + 1 };
            var second = Proposed(Solver.Solve(relocked));
            var consultantSeats = second.Evaluations.Select(e => new Seat(e.MemberState, e.Consultant)).ToHashSet();
            return locked.All(ExpertSeats(second).Contains) && lockedConsultants.All(consultantSeats.Contains);
        });

    [Property(MaxTest = 20)]
    public Property TheSameProblemAndSeed_GiveTheSameResult() =>
        Prop.ForAll(RandomPools.AnyShape, shape =>
        {
            var problem = RandomPools.Any(shape);
            string Describe(SolveResult result) => result switch
            {
                SolveResult.Proposed { Proposal: var p } => Fingerprint(p),
                SolveResult.Infeasible { Infeasibility: var i } => i.Summary + string.Join(" ", i.Evaluations.Select(e => e.Explanation)),
                _ => "",
            };
            return Describe(Solver.Solve(problem)) == Describe(new CpSatAssignmentSolver().Solve(problem));
        });

    [Property(MaxTest = 80)]
    public Property ThePreCheck_RefusesExactlyThePoolsThatCannotBeStaffed() =>
        Prop.ForAll(RandomPools.AnyShape, shape =>
        {
            var problem = RandomPools.Any(shape);
            return (AssignmentRules.FindInfeasibility(problem) is null) == IndependentFeasibility.CanStaff(problem);
        });
}
