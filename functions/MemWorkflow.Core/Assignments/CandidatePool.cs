using MemWorkflow.Contracts.Assignments;

namespace MemWorkflow.Core.Assignments;

/// <summary>The candidates for one role (GEG experts or consultants) indexed against the evaluations of a
/// problem: who may sit where by the per-seat rules, which seats are locked, and how many seats the pool
/// can fill at a load cap. Indexes are positions in <see cref="AssignmentProblem.Evaluations"/> and in
/// <see cref="Candidates"/>.</summary>
public sealed class CandidatePool
{
    private readonly int[,] exclusionMasks;
    private readonly IReadOnlyList<int>[] eligible;
    private readonly bool[] usable;
    private readonly int[] eligibleCount;
    private readonly Dictionary<string, int> evaluationIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> candidateIndex = new(StringComparer.Ordinal);

    public CandidatePool(AssignmentProblem problem, SeatRole role)
    {
        Problem = problem;
        Role = role;
        Candidates = role == SeatRole.Expert ? problem.Experts : problem.Consultants;
        SeatsPerEvaluation = role == SeatRole.Expert ? problem.ExpertsPerEvaluation : 1;
        LoadCap = role == SeatRole.Expert ? problem.ExpertLoadCap : problem.ConsultantLoadCap;
        for (var v = 0; v < problem.Evaluations.Count; v++)
            evaluationIndex.TryAdd(problem.Evaluations[v].MemberState, v);
        for (var i = 0; i < Candidates.Count; i++)
            candidateIndex.TryAdd(Candidates[i].ParticipantId, i);

        var declined = problem.Declined.ToHashSet();
        exclusionMasks = new int[problem.Evaluations.Count, Candidates.Count];
        eligible = new IReadOnlyList<int>[problem.Evaluations.Count];
        usable = new bool[Candidates.Count];
        eligibleCount = new int[Candidates.Count];
        for (var v = 0; v < problem.Evaluations.Count; v++)
        {
            var need = problem.Evaluations[v];
            var list = new List<int>();
            for (var i = 0; i < Candidates.Count; i++)
            {
                var isDeclined = declined.Contains(new Seat(need.MemberState, Candidates[i].ParticipantId));
                exclusionMasks[v, i] = AssignmentRules.ExclusionMask(problem, need, Candidates[i], role, isDeclined);
                if (exclusionMasks[v, i] != 0)
                    continue;
                list.Add(i);
                usable[i] = true;
                eligibleCount[i]++;
            }
            eligible[v] = list;
        }

        var locks = role == SeatRole.Expert ? problem.LockedExperts : problem.LockedConsultants;
        LockedSeats = locks.Distinct()
            .Select(s => (Evaluation: IndexOfEvaluation(s.MemberState), Candidate: IndexOfCandidate(s.ParticipantId)))
            .Where(s => s.Evaluation >= 0 && s.Candidate >= 0)
            .ToList();
    }

    public AssignmentProblem Problem { get; }

    public SeatRole Role { get; }

    public IReadOnlyList<Candidate> Candidates { get; }

    public int SeatsPerEvaluation { get; }

    public int? LoadCap { get; }

    /// <summary>Locked seats of this role whose evaluation and candidate are both known, without repeats.</summary>
    public IReadOnlyList<(int Evaluation, int Candidate)> LockedSeats { get; }

    public int EvaluationCount => Problem.Evaluations.Count;

    public int IndexOfEvaluation(string memberState) => evaluationIndex.GetValueOrDefault(memberState, -1);

    public int IndexOfCandidate(string participantId) => candidateIndex.GetValueOrDefault(participantId, -1);

    public IReadOnlyList<ExclusionReason> Exclusions(int evaluation, int candidate) =>
        AssignmentRules.Reasons(exclusionMasks[evaluation, candidate]);

    public bool IsEligible(int evaluation, int candidate) => exclusionMasks[evaluation, candidate] == 0;

    /// <summary>The candidates the per-seat rules allow on an evaluation, in pool order.</summary>
    public IReadOnlyList<int> Eligible(int evaluation) => eligible[evaluation];

    /// <summary>Whether the candidate may take at least one seat of the round: only these count for the
    /// minimum load (an expert who works in none of the round's languages is not "under-loaded").</summary>
    public bool IsUsable(int candidate) => usable[candidate];

    /// <summary>On how many evaluations the per-seat rules allow the candidate.</summary>
    public int EligibleCount(int candidate) => eligibleCount[candidate];

    /// <summary>The key of "at most one expert per designating state on one evaluation": the designating
    /// state of an expert; every consultant, and an expert without a state, is a group of their own.</summary>
    public string GroupOf(int candidate) =>
        Role == SeatRole.Expert && Candidates[candidate].MemberState is { } state ? state : $"#{candidate}";

    /// <summary>The smallest per-candidate load at which every seat of the role can be filled (never above
    /// <see cref="LoadCap"/>), or null when no load makes it possible. Exact: a max-flow per probe.</summary>
    public int? SmallestFeasibleLoad()
    {
        var high = LoadCap ?? Math.Max(EvaluationCount, 1);
        var all = Enumerable.Range(0, EvaluationCount).ToList();
        if (!new StaffingFlow(this, high, all).IsComplete)
            return null;
        // Locked seats count towards the load: the maximum is never below the most-locked candidate's.
        var low = LockedSeats.GroupBy(s => s.Candidate).Select(g => g.Count()).DefaultIfEmpty(0).Max();
        if (low > high)
            return null;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (new StaffingFlow(this, middle, all).IsComplete)
                high = middle;
            else
                low = middle + 1;
        }
        return high;
    }
}
