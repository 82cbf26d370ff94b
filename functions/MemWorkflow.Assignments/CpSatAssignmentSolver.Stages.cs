using System.Diagnostics;
using MemWorkflow.Core.Assignments;

namespace MemWorkflow.Assignments;

public sealed partial class CpSatAssignmentSolver
{
    private (IReadOnlyList<int>[] Seats, bool Proven)? StaffExperts(CandidatePool pool, int seed, CancellationToken cancellationToken)
    {
        if (BalancedLoads(pool) is not var (minLoad, maxLoad))
            return null;
        var watch = Stopwatch.StartNew();
        var problem = pool.Problem;
        var heaviest = problem.Evaluations.Select(e => e.PillarIds.Count).DefaultIfEmpty(0).Max();
        long Shortfall(int v, int i) => heaviest - AssignmentRules.ExpertiseMatch(problem.Evaluations[v], pool.Candidates[i]);
        var previous = problem.PreviousPairs.ToHashSet();
        bool IsRepeat(int v, int i) => previous.Contains(new Seat(problem.Evaluations[v].MemberState, pool.Candidates[i].ParticipantId));

        // Stage 3. Every evaluation has a fixed number of seats, so the least expertise shortfall is the most expertise.
        var expertiseOnly = SeatNetwork.Solve(pool, minLoad, maxLoad, Shortfall);
        if (expertiseOnly is null)
            return null;
        var expertise = Expertise(pool, expertiseOnly.Seats());
        Report(pool, "expertise (min-cost flow)", expertise, watch);
        cancellationToken.ThrowIfCancellationRequested();

        // Stages 4 and 5 by flow first: expertise, then repeated pairs, as one cost (a repeat weighs less
        // than one unit of shortfall over all seats), steering away from the reciprocal pairs it makes. A
        // reciprocal-free result that also has the fewest repeats any expertise-optimal proposal can have is
        // optimal for both stages, with nothing left to search.
        watch.Restart();
        var scale = pool.EvaluationCount * (long)pool.SeatsPerEvaluation + 1;
        long Lexicographic(int v, int i) => Shortfall(v, i) * scale + (IsRepeat(v, i) ? 1 : 0);
        var fewestRepeats = SeatNetwork.Solve(pool, minLoad, maxLoad, Lexicographic)!.Seats();
        var repeatsBound = Repeats(pool, fewestRepeats);
        var seats = AvoidReciprocalPairs(pool, minLoad, maxLoad, Lexicographic, fewestRepeats, expertise);
        var (reciprocal, repeats) = (ReciprocalPairs(pool, seats), Repeats(pool, seats));
        Report(pool, "reciprocal pairs (flow)", reciprocal, watch, proven: reciprocal == 0);
        Report(pool, "repeated pairs (flow)", repeats, watch, proven: reciprocal == 0 && repeats == repeatsBound);
        if (reciprocal == 0 && repeats == repeatsBound)
            return (seats, true);

        var model = new SeatModel(pool, expertiseOnly, expertiseOnly.OptimalFace(), seats, seed, options, cancellationToken);
        model.MinimiseReciprocalPairs();
        model.MinimiseRepeatedPairs(repeatsBound);
        seats = model.Seats();
        if (Expertise(pool, seats) != expertise)
            throw new InvalidOperationException("The reciprocal and rotation stages changed the expertise score (a solver bug).");
        return (seats, model.Proven);
    }

    /// <summary>Re-solves the flow with one direction of each reciprocal pair it produced forbidden (the
    /// later state's experts on the earlier state, or else the other way round), for a few rounds, as long
    /// as the expertise score holds.</summary>
    private static IReadOnlyList<int>[] AvoidReciprocalPairs(
        CandidatePool pool, int[] minLoad, int[] maxLoad, Func<int, int, long> cost, IReadOnlyList<int>[] seats, long expertise)
    {
        var forbidden = new HashSet<(string From, string On)>();
        IReadOnlyList<int>[]? Attempt(IEnumerable<(string From, string On)> more)
        {
            var trial = forbidden.Union(more).ToHashSet();
            var next = SeatNetwork.Solve(pool, minLoad, maxLoad, cost,
                (v, i) => pool.Candidates[i].MemberState is not { } from || !trial.Contains((from, pool.Problem.Evaluations[v].MemberState)))?.Seats();
            if (next is null || Expertise(pool, next) != expertise)
                return null;
            forbidden = trial;
            return next;
        }
        for (var round = 0; round < 8 && ReciprocalPairList(pool, seats) is { Count: > 0 } pairs; round++)
        {
            if ((Attempt(pairs.Select(p => (p.Later, p.Earlier))) ?? Attempt(pairs.Select(p => (p.Earlier, p.Later)))) is not { } next)
                break;
            seats = next;
        }
        return seats;
    }

    private static long Expertise(CandidatePool pool, IReadOnlyList<int>[] seats) =>
        seats.Select((candidates, v) => candidates.Sum(i => AssignmentRules.ExpertiseMatch(pool.Problem.Evaluations[v], pool.Candidates[i]))).Sum();

    private static long Repeats(CandidatePool pool, IReadOnlyList<int>[] seats)
    {
        var previous = pool.Problem.PreviousPairs.ToHashSet();
        return seats.Select((candidates, v) => candidates.Count(i => previous.Contains(new Seat(pool.Problem.Evaluations[v].MemberState, pool.Candidates[i].ParticipantId)))).Sum();
    }

    private static long ReciprocalPairs(CandidatePool pool, IReadOnlyList<int>[] seats) => ReciprocalPairList(pool, seats).Count;

    private static List<(string Earlier, string Later)> ReciprocalPairList(CandidatePool pool, IReadOnlyList<int>[] seats)
    {
        var directions = seats
            .SelectMany((candidates, v) => candidates.Select(i => (From: pool.Candidates[i].MemberState, On: pool.Problem.Evaluations[v].MemberState)))
            .Where(d => d.From is not null)
            .Select(d => (From: d.From!, d.On))
            .ToHashSet();
        return directions
            .Where(d => string.CompareOrdinal(d.From, d.On) < 0 && directions.Contains((d.On, d.From)))
            .Select(d => (Earlier: d.From, Later: d.On))
            .Order()
            .ToList();
    }

    private IReadOnlyList<int>[]? StaffConsultants(CandidatePool pool, CancellationToken cancellationToken)
    {
        if (BalancedLoads(pool) is not var (minLoad, maxLoad))
            return null;
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var previous = pool.Problem.PreviousPairs.ToHashSet();
        var network = SeatNetwork.Solve(pool, minLoad, maxLoad,
            (v, i) => previous.Contains(new Seat(pool.Problem.Evaluations[v].MemberState, pool.Candidates[i].ParticipantId)) ? 1 : 0);
        if (network is not null)
            Report(pool, "repeated pairs (min-cost flow)", network.Cost, watch);
        return network?.Seats();
    }

    /// <summary>Stages 1 and 2: the smallest maximum load (max-flow, by bisection), then the largest
    /// minimum load among candidates who may take a seat at all (min-cost flow feasibility, by bisection),
    /// as per-candidate load bounds.</summary>
    private (int[] MinLoad, int[] MaxLoad)? BalancedLoads(CandidatePool pool)
    {
        var watch = Stopwatch.StartNew();
        if (pool.SmallestFeasibleLoad() is not { } max)
            return null;
        var maxLoad = Enumerable.Repeat(max, pool.Candidates.Count).ToArray();
        Report(pool, "maximum load (max-flow)", max, watch);

        watch.Restart();
        var usable = Enumerable.Range(0, pool.Candidates.Count).Where(pool.IsUsable).ToList();
        int[] MinLoad(int min) => Enumerable.Range(0, pool.Candidates.Count).Select(i => pool.IsUsable(i) ? min : 0).ToArray();
        bool Feasible(int min) => SeatNetwork.Solve(pool, MinLoad(min), maxLoad, (_, _) => 0) is not null;
        var low = 0;
        var high = usable.Count == 0 ? 0 : Math.Min(max, Math.Min(pool.EvaluationCount * pool.SeatsPerEvaluation / usable.Count, usable.Min(i => pool.EligibleCount(i))));
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Feasible(middle))
                low = middle;
            else
                high = middle - 1;
        }
        Report(pool, "minimum load (min-cost flow)", low, watch);
        return (MinLoad(low), maxLoad);
    }

    private void Report(CandidatePool pool, string stage, long value, Stopwatch watch, bool proven = true) =>
        options.StageCompleted?.Invoke(new CpSatStageReport(pool.Role.ToString(), stage, value, proven, Solved: true, watch.Elapsed, 0));
}
