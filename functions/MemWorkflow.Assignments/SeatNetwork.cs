using Google.OrTools.Graph;
using MemWorkflow.Core.Assignments;

namespace MemWorkflow.Assignments;

/// <summary>The open seats of one role as a min-cost flow solved by OR-Tools: evaluation (supplies its
/// open seats) -> designating-state slot (1) -> candidate (1, the seat's cost) -> sink, with each
/// candidate's load kept within [min, max] (locked seats count). Every constraint here is a network
/// constraint, so the flow's optimum is the exact optimum over integer assignments: loads and any linear
/// objective (expertise, repeated pairs) are solved exactly and fast this way.
/// <para><see cref="OptimalFace"/> reads node potentials off the optimal residual network: by
/// complementary slackness, every optimal assignment leaves an arc with positive reduced cost empty and
/// fills one with negative reduced cost, so those arcs can be fixed before a later stage searches among
/// the optimal assignments only.</para></summary>
internal sealed class SeatNetwork
{
    private readonly List<(int Tail, int Head, long Capacity, long Cost)> arcs = [];
    private readonly List<(int Evaluation, int Candidate, int Arc)> seatArcs = [];
    private readonly List<(int Evaluation, string Group, int Arc)> slotArcs = [];
    private readonly int[] loadArc;
    private readonly long[] flows;
    private int nodeCount;
    private readonly CandidatePool pool;

    private SeatNetwork(CandidatePool pool, int[] minLoad, int[] maxLoad)
    {
        this.pool = pool;
        MinLoad = minLoad;
        MaxLoad = maxLoad;
        loadArc = new int[pool.Candidates.Count];
        flows = [];
    }

    private SeatNetwork(SeatNetwork shape, long[] flows, long cost)
    {
        pool = shape.pool;
        MinLoad = shape.MinLoad;
        MaxLoad = shape.MaxLoad;
        arcs = shape.arcs;
        seatArcs = shape.seatArcs;
        slotArcs = shape.slotArcs;
        loadArc = shape.loadArc;
        nodeCount = shape.nodeCount;
        this.flows = flows;
        Cost = cost;
    }

    public int[] MinLoad { get; }

    public int[] MaxLoad { get; }

    /// <summary>The optimal total cost of the open seats.</summary>
    public long Cost { get; }

    /// <summary>An optimal assignment within the loads, minimising the summed <paramref name="cost"/> of
    /// the open seats (locked seats are fixed and cost nothing) and using only <paramref name="allowed"/>
    /// seats, or null when the loads cannot be met.</summary>
    public static SeatNetwork? Solve(CandidatePool pool, int[] minLoad, int[] maxLoad, Func<int, int, long> cost, Func<int, int, bool>? allowed = null)
    {
        var shape = new SeatNetwork(pool, minLoad, maxLoad);
        var lockedLoad = new int[pool.Candidates.Count];
        var lockedOn = new int[pool.EvaluationCount];
        var lockedSeats = pool.LockedSeats.ToHashSet();
        var lockedGroups = pool.LockedSeats.Select(s => (s.Evaluation, pool.GroupOf(s.Candidate))).ToHashSet();
        foreach (var (v, i) in pool.LockedSeats)
        {
            lockedLoad[i]++;
            lockedOn[v]++;
        }

        var sink = pool.EvaluationCount;
        var supplies = new List<long>(new long[pool.EvaluationCount + 1 + pool.Candidates.Count]);
        long lowerTotal = 0;
        for (var i = 0; i < pool.Candidates.Count; i++)
        {
            var lower = Math.Max(0, minLoad[i] - lockedLoad[i]);
            var upper = maxLoad[i] - lockedLoad[i];
            if (upper < lower)
                return null;
            supplies[sink + 1 + i] = -lower;
            lowerTotal += lower;
            shape.loadArc[i] = shape.AddArc(sink + 1 + i, sink, upper - lower, 0);
        }
        long demand = 0;
        for (var v = 0; v < pool.EvaluationCount; v++)
        {
            supplies[v] = Math.Max(0, pool.SeatsPerEvaluation - lockedOn[v]);
            demand += supplies[v];
            var open = pool.Eligible(v).Where(i =>
                !lockedSeats.Contains((v, i)) && !lockedGroups.Contains((v, pool.GroupOf(i))) && (allowed is null || allowed(v, i)));
            foreach (var group in open.GroupBy(pool.GroupOf))
            {
                var members = group.ToList();
                var from = v;
                if (members.Count > 1)
                {
                    from = supplies.Count;
                    supplies.Add(0);
                    shape.slotArcs.Add((v, group.Key, shape.AddArc(v, from, 1, 0)));
                }
                foreach (var i in members)
                    shape.seatArcs.Add((v, i, shape.AddArc(from, sink + 1 + i, 1, cost(v, i))));
            }
        }
        if (demand < lowerTotal)
            return null;
        supplies[sink] = -(demand - lowerTotal);
        shape.nodeCount = supplies.Count;

        using var solver = new MinCostFlow();
        foreach (var (tail, head, capacity, unitCost) in shape.arcs)
            solver.AddArcWithCapacityAndUnitCost(tail, head, capacity, unitCost);
        for (var node = 0; node < supplies.Count; node++)
            solver.SetNodeSupply(node, supplies[node]);
        if (solver.Solve() != MinCostFlowBase.Status.OPTIMAL)
            return null;
        var flows = Enumerable.Range(0, shape.arcs.Count).Select(a => solver.Flow(a)).ToArray();
        return new SeatNetwork(shape, flows, solver.OptimalCost());
    }

    /// <summary>Candidate indexes per evaluation, locked seats included, in pool order.</summary>
    public IReadOnlyList<int>[] Seats()
    {
        var seats = Enumerable.Range(0, pool.EvaluationCount).Select(_ => new List<int>()).ToArray();
        foreach (var (v, i) in pool.LockedSeats)
            seats[v].Add(i);
        foreach (var (v, i, arc) in seatArcs.Where(s => flows[s.Arc] > 0))
            seats[v].Add(i);
        return seats.Select(s => (IReadOnlyList<int>)s.Order().ToList()).ToArray();
    }

    /// <summary>What every optimal assignment of this network has in common: seats that are always empty or
    /// always taken, designating-state slots always empty or taken, and candidate loads that are fixed.</summary>
    public SeatFace OptimalFace()
    {
        var potential = Potentials();
        int? Fixed(int arc)
        {
            var (tail, head, capacity, cost) = arcs[arc];
            var reduced = cost + potential[tail] - potential[head];
            return reduced > 0 ? 0 : reduced < 0 ? (int)capacity : null;
        }
        var seats = new Dictionary<(int, int), bool>();
        foreach (var (v, i, arc) in seatArcs)
        {
            if (Fixed(arc) is { } value)
                seats[(v, i)] = value == 1;
        }
        var slots = new Dictionary<(int, string), int>();
        foreach (var (v, group, arc) in slotArcs)
        {
            if (Fixed(arc) is { } value)
                slots[(v, group)] = value;
        }
        var loads = new Dictionary<int, int>();
        for (var i = 0; i < pool.Candidates.Count; i++)
        {
            if (Fixed(loadArc[i]) is { } extra)
                loads[i] = MaxLoad[i] - (int)arcs[loadArc[i]].Capacity + extra;
        }
        return new SeatFace(seats, slots, loads);
    }

    // Shortest distances in the optimal residual network from a virtual node joined to every node at cost
    // 0 (Bellman-Ford; an optimal flow leaves no negative cycle, so it ends).
    private long[] Potentials()
    {
        var distance = new long[nodeCount];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var a = 0; a < arcs.Count; a++)
            {
                var (tail, head, capacity, cost) = arcs[a];
                if (flows[a] < capacity && distance[tail] + cost < distance[head])
                    (distance[head], changed) = (distance[tail] + cost, true);
                if (flows[a] > 0 && distance[head] - cost < distance[tail])
                    (distance[tail], changed) = (distance[head] - cost, true);
            }
        }
        return distance;
    }

    private int AddArc(int tail, int head, long capacity, long cost)
    {
        arcs.Add((tail, head, capacity, cost));
        return arcs.Count - 1;
    }
}

/// <summary>Seats, slots and loads that every optimal assignment of a stage shares.</summary>
internal sealed record SeatFace(
    IReadOnlyDictionary<(int Evaluation, int Candidate), bool> Seats,
    IReadOnlyDictionary<(int Evaluation, string Group), int> Slots,
    IReadOnlyDictionary<int, int> Loads);
