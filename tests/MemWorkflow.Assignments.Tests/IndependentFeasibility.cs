using Google.OrTools.Sat;
using MemWorkflow.Core.Assignments;

namespace MemWorkflow.Assignments.Tests;

/// <summary>Whether a problem can be staffed, decided by a plain CP-SAT model written straight from the
/// rules (no pools, no flows), to check that the rules' exact pre-check agrees.</summary>
internal static class IndependentFeasibility
{
    public static bool CanStaff(AssignmentProblem p)
    {
        var model = new CpModel();
        Staff(model, p, p.Experts, p.ExpertsPerEvaluation, p.ExpertLoadCap, p.LockedExperts, needsExpertise: true);
        Staff(model, p, p.Consultants, 1, p.ConsultantLoadCap, p.LockedConsultants, needsExpertise: false);
        using var solver = new CpSolver { StringParameters = "num_workers:1" };
        return solver.Solve(model) is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
    }

    private static void Staff(CpModel model, AssignmentProblem p, IReadOnlyList<Candidate> pool, int seats, int? cap, IReadOnlyList<Seat> locked, bool needsExpertise)
    {
        var x = p.Evaluations.Select(e => pool.Select(c => model.NewBoolVar($"{e.MemberState}-{c.ParticipantId}")).ToArray()).ToArray();
        for (var v = 0; v < p.Evaluations.Count; v++)
        {
            var need = p.Evaluations[v];
            for (var i = 0; i < pool.Count; i++)
            {
                var c = pool[i];
                var allowed = c.MemberState != need.MemberState
                    && (!needsExpertise || c.Expertise.Intersect(need.PillarIds).Any())
                    && c.Languages.Contains(p.Language)
                    && !p.Declined.Contains(new Seat(need.MemberState, c.ParticipantId));
                if (!allowed)
                    model.Add(x[v][i] == 0);
                if (locked.Contains(new Seat(need.MemberState, c.ParticipantId)))
                    model.Add(x[v][i] == 1);
            }
            model.Add(LinearExpr.Sum(x[v]) == seats);
            if (needsExpertise)
            {
                foreach (var state in pool.Select((c, i) => (c.MemberState, i)).Where(s => s.MemberState is not null).GroupBy(s => s.MemberState))
                    model.Add(LinearExpr.Sum(state.Select(s => x[v][s.i])) <= 1);
            }
        }
        if (cap is { } limit)
        {
            for (var i = 0; i < pool.Count; i++)
                model.Add(LinearExpr.Sum(x.Select(row => row[i])) <= limit);
        }
    }
}
