using MemWorkflow.Contracts.Assignments;

namespace MemWorkflow.Core.Assignments;

public static partial class AssignmentRules
{
    /// <summary>Why the problem cannot be staffed, in MEM terms; on a problem that can be staffed, a
    /// summary that says so and no evaluations.</summary>
    public static Infeasibility Explain(AssignmentProblem problem) =>
        FindInfeasibility(problem) ?? new Infeasibility("Every evaluation can be staffed.", []);

    /// <summary>The reasons the problem cannot be staffed, or null when every seat can be filled. Exact,
    /// so a solver can use it as its pre-check: malformed input, then locked seats that break a rule, then
    /// each evaluation on its own (too few eligible candidates, or eligible experts from too few states),
    /// then, at the load cap, the group of evaluations whose eligible candidates cannot fill all their
    /// seats (a max-flow finds it; Hall's condition fails on exactly such a group).</summary>
    public static Infeasibility? FindInfeasibility(AssignmentProblem problem)
    {
        var malformed = MalformedInput(problem);
        if (malformed.Count > 0)
            return new Infeasibility(string.Join(" ", malformed), []);

        var pools = new[] { new CandidatePool(problem, SeatRole.Expert), new CandidatePool(problem, SeatRole.Consultant) };
        var conflicts = pools.SelectMany(LockConflicts).ToList();
        if (conflicts.Count > 0)
            return new Infeasibility($"Locked seats break the rules on {JoinWith(Labels(problem, conflicts), "and")}.", conflicts);

        var entries = new List<UnstaffableEvaluation>();
        var notes = new List<string>();
        foreach (var pool in pools)
        {
            var failing = Enumerable.Range(0, pool.EvaluationCount).Select(v => (v, Entry: EvaluationShortage(pool, v))).Where(f => f.Entry is not null).ToList();
            entries.AddRange(failing.Select(f => f.Entry!));
            if (failing.Count > 0)
                notes.AddRange(PoolNotes(pool, failing.Select(f => f.Entry!).ToList()));
            var rest = Enumerable.Range(0, pool.EvaluationCount).Except(failing.Select(f => f.v)).ToList();
            if (pool.LoadCap is not { } cap || rest.Count == 0)
                continue;
            var flow = new StaffingFlow(pool, cap, rest);
            if (flow.IsComplete)
                continue;
            var shortage = flow.Shortage();
            entries.AddRange(GroupShortage(pool, cap, shortage));
            var who = shortage.Evaluations.Count == pool.EvaluationCount && pool.EvaluationCount > 2
                ? $"All {pool.EvaluationCount} evaluations"
                : JoinWith(shortage.Evaluations.Select(v => EvaluationLabel(problem, problem.Evaluations[v])).ToList(), "and");
            notes.Add($"{who} need {Count(shortage.SeatsNeeded, RoleName(pool.Role))} together, but at the load cap of {cap} " +
                $"the {RoleName(pool.Role)}s eligible for them can fill only {shortage.SeatsFillable} of those seats.");
        }
        if (entries.Count == 0)
            return null;
        var labels = Labels(problem, entries);
        var lead = $"Cannot staff {Count(labels.Count, "evaluation")}: {JoinWith(labels, "and")}.";
        return new Infeasibility(string.Join(" ", [lead, .. notes]), entries);
    }

    private static List<string> Labels(AssignmentProblem problem, IEnumerable<UnstaffableEvaluation> entries)
    {
        var states = entries.Select(e => e.MemberState).Distinct(StringComparer.Ordinal).ToList();
        var needs = problem.Evaluations.ToDictionary(e => e.MemberState, StringComparer.Ordinal);
        return states.Select(s => needs.TryGetValue(s, out var need) ? EvaluationLabel(problem, need) : StateName(s)).ToList();
    }

    private static UnstaffableEvaluation? EvaluationShortage(CandidatePool pool, int v)
    {
        var need = pool.Problem.Evaluations[v];
        var lockedLoad = pool.LockedSeats.GroupBy(s => s.Candidate).ToDictionary(g => g.Key, g => g.Count());
        var lockedHere = pool.LockedSeats.Where(s => s.Evaluation == v).Select(s => s.Candidate).ToHashSet();
        IReadOnlyList<ExclusionReason> ReasonsFor(int i) =>
            pool.LoadCap is { } cap && !lockedHere.Contains(i) && lockedLoad.GetValueOrDefault(i) >= cap
                ? [.. pool.Exclusions(v, i).Append(ExclusionReason.AtCap).Order()]
                : pool.Exclusions(v, i);

        var reasons = Enumerable.Range(0, pool.Candidates.Count).Select(ReasonsFor).ToList();
        var eligible = Enumerable.Range(0, pool.Candidates.Count).Where(i => reasons[i].Count == 0).ToList();
        var states = eligible.Select(pool.GroupOf).Distinct(StringComparer.Ordinal).Count();
        var seats = pool.SeatsPerEvaluation;
        if (eligible.Count >= seats && states >= seats)
            return null;

        var role = RoleName(pool.Role);
        var names = string.Join(", ", eligible.Select(i => Who(pool.Candidates[i])));
        var shortfall = eligible.Count < seats
            ? $"{EvaluationLabel(pool.Problem, need)} needs {Count(seats, role)}; " + (eligible.Count == 0 ? "none eligible." : $"only {eligible.Count} eligible: {names}.")
            : $"{EvaluationLabel(pool.Problem, need)} needs {Count(seats, role)} from different states; the {eligible.Count} eligible come from only {Count(states, "state")}: {names}.";
        return Unstaffable(pool, v, pool.LoadCap, eligible.Count, reasons, shortfall);
    }

    private static IEnumerable<UnstaffableEvaluation> GroupShortage(
        CandidatePool pool, int cap, (IReadOnlyList<int> Evaluations, IReadOnlyList<int> AtCap, int SeatsNeeded, int SeatsFillable) shortage)
    {
        var atCap = shortage.AtCap.ToHashSet();
        var role = RoleName(pool.Role);
        foreach (var v in shortage.Evaluations)
        {
            var need = pool.Problem.Evaluations[v];
            var lockedHere = pool.LockedSeats.Where(s => s.Evaluation == v).Select(s => s.Candidate).ToHashSet();
            var reasons = Enumerable.Range(0, pool.Candidates.Count)
                .Select(i => pool.IsEligible(v, i) && atCap.Contains(i) && !lockedHere.Contains(i) ? [ExclusionReason.AtCap] : pool.Exclusions(v, i))
                .ToList();
            var others = shortage.Evaluations.Where(o => o != v).Select(o => StateName(pool.Problem.Evaluations[o].MemberState)).ToList();
            var shared = others.Count == 0 ? "" : $"it shares its eligible {role}s with {JoinWith(others, "and")}, and ";
            var text = $"{EvaluationLabel(pool.Problem, need)} needs {Count(pool.SeatsPerEvaluation, role)}; {shared}at the load cap of {cap} " +
                $"those {role}s can fill only {shortage.SeatsFillable} of the {shortage.SeatsNeeded} seats of {Count(shortage.Evaluations.Count, "evaluation")}.";
            yield return Unstaffable(pool, v, cap, reasons.Count(r => r.Count == 0), reasons, text);
        }
    }

    private static UnstaffableEvaluation Unstaffable(
        CandidatePool pool, int v, int? cap, int eligibleCount, IReadOnlyList<IReadOnlyList<ExclusionReason>> reasons, string text)
    {
        var need = pool.Problem.Evaluations[v];
        var excluded = Enumerable.Range(0, pool.Candidates.Count).Where(i => reasons[i].Count > 0)
            .Select(i => new Exclusion(pool.Candidates[i].ParticipantId, pool.Candidates[i].Name, reasons[i]))
            .ToList();
        var byId = pool.Candidates.GroupBy(c => c.ParticipantId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var details = excluded.Select(e => ExclusionText(e, byId[e.ParticipantId], need, pool.Problem, pool.Role, cap)).ToList();
        var explanation = details.Count == 0 ? text : $"{text} Excluded: {string.Join("; ", details)}.";
        return new UnstaffableEvaluation(need.MemberState, SinglePillar(need), RoleName(pool.Role), pool.SeatsPerEvaluation, eligibleCount, excluded, explanation);
    }

    /// <summary>Pool-wide causes behind the per-evaluation shortages: nobody (or too few) in the round's
    /// language, or in the one pillar an evaluation covers.</summary>
    private static IEnumerable<string> PoolNotes(CandidatePool pool, IReadOnlyList<UnstaffableEvaluation> failing)
    {
        var role = RoleName(pool.Role);
        var seats = pool.SeatsPerEvaluation;
        var speakers = pool.Candidates.Count(c => SpeaksLanguage(c, pool.Problem.Language));
        if (speakers < seats)
            yield return $"{Few(speakers, role)} {Verb(speakers, "works", "work")} in {LanguageName(pool.Problem.Language)}.";
        if (pool.Role != SeatRole.Expert)
            yield break;
        foreach (var pillar in failing.Select(f => f.PillarId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var holders = pool.Candidates.Count(c => c.Expertise.Contains(pillar, StringComparer.Ordinal));
            if (holders < seats)
                yield return $"{Few(holders, role)} {Verb(holders, "has", "have")} expertise in {PillarName(pool.Problem, pillar)}.";
        }
    }

    private static string Few(int count, string noun) => count == 0 ? $"No {noun}" : $"Only {Count(count, noun)}";

    private static string Verb(int count, string singular, string plural) => count > 1 ? plural : singular;
}
