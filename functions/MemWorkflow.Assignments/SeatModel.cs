using Google.OrTools.Sat;
using MemWorkflow.Core.Assignments;

namespace MemWorkflow.Assignments;

/// <summary>The CP-SAT model of one role's seats for the objectives that are not network flows
/// (reciprocal pairs, then repeated pairs): one boolean per seat that an assignment optimal for the earlier
/// stages can use (<see cref="SeatFace"/>), the loads those stages fixed, and the earlier stages' proposal
/// as the hint. Each stage bounds its objective at the value reached before the next one starts: the
/// lexicographic order, without weights.</summary>
internal sealed partial class SeatModel
{
    private readonly CandidatePool pool;
    private readonly CpModel model = new();
    private readonly List<(int Evaluation, int Candidate, BoolVar Seat)> seats = [];
    private readonly string parameters;
    private readonly CpSatAssignmentSolverOptions options;
    private readonly CancellationToken cancellationToken;
    private bool[] incumbent;

    public SeatModel(CandidatePool pool, SeatNetwork network, SeatFace face, IReadOnlyList<int>[] hint, int seed, CpSatAssignmentSolverOptions options, CancellationToken cancellationToken)
    {
        this.pool = pool;
        this.cancellationToken = cancellationToken;
        this.options = options;
        // One worker (no racing threads), the problem's seed and a deterministic time limit: the same
        // problem and seed give the same proposal on every run.
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        parameters = string.Join(" ",
            "num_workers:1",
            $"random_seed:{seed.ToString(invariant)}",
            $"max_deterministic_time:{options.MaxDeterministicTimePerStage.ToString(invariant)}",
            "log_search_progress:false");

        var locked = pool.LockedSeats.ToHashSet();
        var seatsOfCandidate = pool.Candidates.Select(_ => new List<BoolVar>()).ToArray();
        for (var v = 0; v < pool.EvaluationCount; v++)
        {
            var here = new List<BoolVar>();
            foreach (var group in pool.Eligible(v).Where(i => locked.Contains((v, i)) || face.Seats.GetValueOrDefault((v, i), true)).GroupBy(pool.GroupOf))
            {
                var ofGroup = new List<BoolVar>();
                foreach (var i in group)
                {
                    var seat = model.NewBoolVar($"x_{v}_{i}");
                    seats.Add((v, i, seat));
                    seatsOfCandidate[i].Add(seat);
                    ofGroup.Add(seat);
                    if (locked.Contains((v, i)) || face.Seats.GetValueOrDefault((v, i)))
                        model.Add(seat == 1);
                }
                if (face.Slots.TryGetValue((v, group.Key), out var taken))
                    model.Add(LinearExpr.Sum(ofGroup) == taken);
                else if (ofGroup.Count > 1)
                    model.AddAtMostOne(ofGroup);
                here.AddRange(ofGroup);
            }
            model.Add(LinearExpr.Sum(here) == pool.SeatsPerEvaluation);
        }
        for (var i = 0; i < pool.Candidates.Count; i++)
        {
            var load = LinearExpr.Sum(seatsOfCandidate[i]);
            if (face.Loads.TryGetValue(i, out var fixedLoad))
                model.Add(load == fixedLoad);
            else
                model.AddLinearConstraint(load, network.MinLoad[i], network.MaxLoad[i]);
        }

        var start = hint.SelectMany((candidates, v) => candidates.Select(i => (v, i))).ToHashSet();
        incumbent = seats.Select(s => start.Contains((s.Evaluation, s.Candidate))).ToArray();
        if (incumbent.Count(taken => taken) != start.Count)
            throw new InvalidOperationException("The hint uses seats the model does not have (a solver bug).");
    }

    /// <summary>False once a stage stopped at its deterministic limit without proving its optimum.</summary>
    public bool Proven { get; private set; } = true;

    /// <summary>The incumbent proposal: candidate indexes per evaluation, in pool order.</summary>
    public IReadOnlyList<int>[] Seats()
    {
        var result = Enumerable.Range(0, pool.EvaluationCount).Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < seats.Count; k++)
        {
            if (incumbent[k])
                result[seats[k].Evaluation].Add(seats[k].Candidate);
        }
        return result.Select(r => (IReadOnlyList<int>)r.Order().ToList()).ToArray();
    }

    /// <summary>Runs one stage: optimises <paramref name="objective"/> from the incumbent (unless the
    /// incumbent already reaches <paramref name="knownOptimum"/>), keeps the better of the two by
    /// <paramref name="score"/> (the true value computed from the seats), then bounds the objective at that
    /// value through <paramref name="bound"/> for every later stage. Returns the value.</summary>
    private long Stage(
        string name, LinearExpr objective, bool maximise, Func<bool[], long> score, long? knownOptimum, Action<long> bound, Action<bool[]>? hintAuxiliary = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var best = score(incumbent);
        var solved = best != knownOptimum;
        var proven = true;
        var deterministicTime = 0.0;
        if (solved)
        {
            model.ClearHints();
            for (var k = 0; k < seats.Count; k++)
                model.AddHint(seats[k].Seat, incumbent[k]);
            hintAuxiliary?.Invoke(incumbent);
            if (maximise)
                model.Maximize(objective);
            else
                model.Minimize(objective);
            (best, proven, deterministicTime) = Solve(maximise, score, best);
            model.Model.Objective = null;
        }
        bound(best);
        options.StageCompleted?.Invoke(new CpSatStageReport(
            pool.Role.ToString(), name, best, proven, solved, watch.Elapsed, deterministicTime));
        return best;
    }

    private (long Best, bool Proven, double DeterministicTime) Solve(bool maximise, Func<bool[], long> score, long best)
    {
        using var solver = new CpSolver { StringParameters = parameters };
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model);
        cancellationToken.ThrowIfCancellationRequested();
        if (status is CpSolverStatus.Infeasible or CpSolverStatus.ModelInvalid)
            throw new InvalidOperationException($"CP-SAT found the {pool.Role} model {status} although a feasible proposal is known: a modelling bug.");
        if (status is not CpSolverStatus.Optimal)
            Proven = false;
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
        {
            var found = seats.Select(s => solver.BooleanValue(s.Seat)).ToArray();
            var value = score(found);
            if (maximise ? value >= best : value <= best)
                (incumbent, best) = (found, value);
        }
        return (best, status is CpSolverStatus.Optimal, solver.Response?.DeterministicTime ?? 0);
    }
}
