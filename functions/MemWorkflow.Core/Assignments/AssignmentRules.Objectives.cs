namespace MemWorkflow.Core.Assignments;

public static partial class AssignmentRules
{
    /// <summary>What a set of seats scores on each objective. Loads: the maximum over every candidate of
    /// the role, the minimum over those who may take at least one seat of the round. Expertise: for each
    /// expert seat, how many of the evaluation's pillars the expert knows. Reciprocal pairs: unordered pairs
    /// of states {A, B} with an expert of A on B and an expert of B on A. Repeated pairs: seats, expert or
    /// consultant, that repeat a pair of the previous round.</summary>
    public static AssignmentObjectives MeasureObjectives(AssignmentProblem problem, IReadOnlyList<EvaluationAssignment> evaluations)
    {
        var experts = new CandidatePool(problem, SeatRole.Expert);
        var consultants = new CandidatePool(problem, SeatRole.Consultant);
        var needs = problem.Evaluations.GroupBy(e => e.MemberState, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var expertById = problem.Experts.GroupBy(c => c.ParticipantId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var previous = problem.PreviousPairs.ToHashSet();

        var expertise = 0;
        var designatedOn = new HashSet<(string Designator, string Evaluated)>();
        foreach (var assignment in evaluations)
        {
            foreach (var id in assignment.Experts)
            {
                if (!expertById.TryGetValue(id, out var expert))
                    continue;
                if (needs.TryGetValue(assignment.MemberState, out var need))
                    expertise += ExpertiseMatch(need, expert);
                if (expert.MemberState is { } designator)
                    designatedOn.Add((designator, assignment.MemberState));
            }
        }
        var reciprocal = designatedOn.Count(p => string.CompareOrdinal(p.Designator, p.Evaluated) < 0 && designatedOn.Contains((p.Evaluated, p.Designator)));
        var repeated = evaluations.Sum(a => a.Experts.Append(a.Consultant).Distinct(StringComparer.Ordinal).Count(id => previous.Contains(new Seat(a.MemberState, id))));
        var (expertMax, expertMin) = LoadRange(experts, LoadsOf(problem.Experts, evaluations.SelectMany(a => a.Experts)));
        var (consultantMax, consultantMin) = LoadRange(consultants, LoadsOf(problem.Consultants, evaluations.Select(a => a.Consultant)));
        return new AssignmentObjectives(expertMax, expertMin, expertise, reciprocal, repeated, consultantMax, consultantMin);
    }

    /// <summary>Seats per candidate, every candidate of the role included (zero when unused).</summary>
    public static IReadOnlyDictionary<string, int> LoadsOf(IReadOnlyList<Candidate> candidates, IEnumerable<string> seatedIds)
    {
        var loads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
            loads.TryAdd(candidate.ParticipantId, 0);
        foreach (var id in seatedIds)
            loads[id] = loads.GetValueOrDefault(id) + 1;
        return loads;
    }

    private static (int Max, int Min) LoadRange(CandidatePool pool, IReadOnlyDictionary<string, int> loads)
    {
        var max = loads.Count == 0 ? 0 : loads.Values.Max();
        var usable = Enumerable.Range(0, pool.Candidates.Count).Where(pool.IsUsable).Select(i => loads.GetValueOrDefault(pool.Candidates[i].ParticipantId)).ToList();
        return (max, usable.Count == 0 ? 0 : usable.Min());
    }
}
