using Google.OrTools.Sat;
using MemWorkflow.Core.Assignments;

namespace MemWorkflow.Assignments;

// The stages CP-SAT searches, in the order the MEM ranks them (loads and expertise are fixed before).
internal sealed partial class SeatModel
{
    /// <summary>Unordered pairs of states {A, B} with an expert of A on B and an expert of B on A. Each
    /// direction is a plain sum (at most one expert per state on an evaluation), so one boolean per pair
    /// with "A on B + B on A - pair &lt;= 1" counts it exactly.</summary>
    public long MinimiseReciprocalPairs()
    {
        var directions = new Dictionary<(string From, string On), List<int>>();
        for (var k = 0; k < seats.Count; k++)
        {
            if (pool.Candidates[seats[k].Candidate].MemberState is not { } from)
                continue;
            var key = (from, pool.Problem.Evaluations[seats[k].Evaluation].MemberState);
            if (!directions.TryGetValue(key, out var list))
                directions[key] = list = [];
            list.Add(k);
        }
        var pairs = directions.Keys
            .Where(d => string.CompareOrdinal(d.From, d.On) < 0 && directions.ContainsKey((d.On, d.From)))
            .Order()
            .Select(d => (There: directions[d], Back: directions[(d.On, d.From)], Pair: model.NewBoolVar($"r_{d.From}_{d.On}")))
            .ToList();
        if (pairs.Count == 0)
            return 0;
        foreach (var (there, back, pair) in pairs)
            model.Add(LinearExpr.Sum(there.Concat(back).Select(k => seats[k].Seat)) - pair <= 1);

        bool IsReciprocal(bool[] values, List<int> there, List<int> back) => there.Any(k => values[k]) && back.Any(k => values[k]);
        long Count(bool[] values) => pairs.Count(p => IsReciprocal(values, p.There, p.Back));
        var objective = LinearExpr.Sum(pairs.Select(p => p.Pair));
        return Stage("reciprocal pairs", objective, maximise: false, Count, 0, best => model.Add(objective <= best), values =>
        {
            foreach (var (there, back, pair) in pairs)
                model.AddHint(pair, IsReciprocal(values, there, back));
        });
    }

    /// <summary>Seats that repeat a pair of the previous round.</summary>
    public long MinimiseRepeatedPairs(long lowerBound)
    {
        var previous = pool.Problem.PreviousPairs.ToHashSet();
        var repeats = Enumerable.Range(0, seats.Count)
            .Where(k => previous.Contains(new Seat(pool.Problem.Evaluations[seats[k].Evaluation].MemberState, pool.Candidates[seats[k].Candidate].ParticipantId)))
            .ToList();
        long Count(bool[] values) => repeats.Count(k => values[k]);
        if (repeats.Count == 0)
            return 0;
        var objective = LinearExpr.Sum(repeats.Select(k => seats[k].Seat));
        return Stage("repeated pairs", objective, maximise: false, Count, lowerBound, best => model.Add(objective <= best));
    }
}
