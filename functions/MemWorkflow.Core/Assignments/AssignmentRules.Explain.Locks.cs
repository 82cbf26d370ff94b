using MemWorkflow.Contracts.Assignments;

namespace MemWorkflow.Core.Assignments;

public static partial class AssignmentRules
{
    private static List<string> MalformedInput(AssignmentProblem problem)
    {
        var found = new List<string>();
        if (problem.ExpertsPerEvaluation < 0)
            found.Add($"Experts per evaluation cannot be negative ({problem.ExpertsPerEvaluation}).");
        if (problem.ExpertLoadCap < 0)
            found.Add($"The expert load cap cannot be negative ({problem.ExpertLoadCap}).");
        if (problem.ConsultantLoadCap < 0)
            found.Add($"The consultant load cap cannot be negative ({problem.ConsultantLoadCap}).");
        foreach (var twice in problem.Evaluations.GroupBy(e => e.MemberState, StringComparer.Ordinal).Where(g => g.Count() > 1))
            found.Add($"{StateName(twice.Key)} is listed {twice.Count()} times among the evaluations.");
        if (problem.ExpertsPerEvaluation > 0)
            found.AddRange(problem.Evaluations.Where(e => e.PillarIds.Count == 0).Select(e => $"{StateName(e.MemberState)} has no pillar to evaluate."));
        foreach (var (role, candidates) in new[] { ("expert", problem.Experts), ("consultant", problem.Consultants) })
        {
            foreach (var twice in candidates.GroupBy(c => c.ParticipantId, StringComparer.Ordinal).Where(g => g.Count() > 1))
                found.Add($"The participant id {twice.Key} is used by {twice.Count()} {role}s.");
        }
        return found;
    }

    /// <summary>Locked seats that cannot be kept: on a state the round does not evaluate, of an unknown
    /// candidate, against a per-seat rule, more than the evaluation's seats, two experts of one state on
    /// one evaluation, or more than a candidate's load cap.</summary>
    private static IEnumerable<UnstaffableEvaluation> LockConflicts(CandidatePool pool)
    {
        var problem = pool.Problem;
        var role = RoleName(pool.Role);
        var seats = pool.SeatsPerEvaluation;
        var locks = (pool.Role == SeatRole.Expert ? problem.LockedExperts : problem.LockedConsultants).Distinct().ToList();
        UnstaffableEvaluation Entry(string state, int eligible, IReadOnlyList<Exclusion> excluded, string text)
        {
            var need = problem.Evaluations.FirstOrDefault(e => e.MemberState == state);
            return new UnstaffableEvaluation(state, need is null ? null : SinglePillar(need), role, seats, eligible, excluded, text);
        }

        foreach (var seat in locks)
        {
            var v = pool.IndexOfEvaluation(seat.MemberState);
            var i = pool.IndexOfCandidate(seat.ParticipantId);
            var who = i >= 0 ? Who(pool.Candidates[i]) : seat.ParticipantId;
            if (v < 0)
            {
                yield return Entry(seat.MemberState, 0, [], $"The locked {role} {who} is on {StateName(seat.MemberState)}, which the round does not evaluate.");
                continue;
            }
            var need = problem.Evaluations[v];
            var eligible = pool.Eligible(v).Count;
            if (i < 0)
                yield return Entry(need.MemberState, eligible, [], $"The locked {role} {seat.ParticipantId} on {EvaluationLabel(problem, need)} is not among the round's {role}s.");
            else if (pool.Exclusions(v, i) is { Count: > 0 } reasons)
            {
                var exclusion = new Exclusion(seat.ParticipantId, pool.Candidates[i].Name, reasons);
                var why = string.Join(", ", reasons.Select(r => ReasonText(r, need, problem, pool.Role, pool.LoadCap)));
                yield return Entry(need.MemberState, eligible, [exclusion], $"The locked {role} {who} cannot keep the seat on {EvaluationLabel(problem, need)}: {why}.");
            }
        }

        foreach (var evaluation in pool.LockedSeats.GroupBy(s => s.Evaluation).OrderBy(g => g.Key))
        {
            var need = problem.Evaluations[evaluation.Key];
            var eligible = pool.Eligible(evaluation.Key).Count;
            if (evaluation.Count() > seats)
                yield return Entry(need.MemberState, eligible, [], $"{EvaluationLabel(problem, need)} has {evaluation.Count()} locked {role}s but only {Count(seats, "seat")}.");
            if (pool.Role != SeatRole.Expert)
                continue;
            foreach (var same in evaluation.GroupBy(s => pool.Candidates[s.Candidate].MemberState).Where(g => g.Key is not null && g.Count() > 1))
            {
                var names = string.Join(", ", same.Select(s => pool.Candidates[s.Candidate].Name));
                yield return Entry(need.MemberState, eligible, [], $"{EvaluationLabel(problem, need)} has {same.Count()} locked experts designated by {StateName(same.Key!)}: {names}.");
            }
        }

        if (pool.LoadCap is not { } cap)
            yield break;
        foreach (var candidate in pool.LockedSeats.GroupBy(s => s.Candidate).Where(g => g.Count() > cap).OrderBy(g => g.Key))
        {
            var last = problem.Evaluations[candidate.Max(s => s.Evaluation)];
            var c = pool.Candidates[candidate.Key];
            yield return Entry(last.MemberState, pool.Eligible(candidate.Max(s => s.Evaluation)).Count,
                [new Exclusion(c.ParticipantId, c.Name, [ExclusionReason.AtCap])],
                $"The {role} {Who(c)} is locked on {candidate.Count()} evaluations, more than the load cap of {cap}.");
        }
    }
}
