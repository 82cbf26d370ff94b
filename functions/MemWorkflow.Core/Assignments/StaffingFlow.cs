namespace MemWorkflow.Core.Assignments;

/// <summary>The seats of one role as a max-flow network: source -> evaluation (its open seats) ->
/// designating-state slot (1: one expert per state per evaluation) -> candidate (1) -> sink (load left
/// under the cap after locked seats). The pool fills every seat within the load exactly when the flow
/// saturates the source; when it does not, the evaluations still reachable from the source in the residual
/// network are a group whose eligible candidates are too few at that load (Hall's condition fails on them),
/// and the candidates reachable with them are the ones at the cap.</summary>
internal sealed class StaffingFlow
{
    private const int Source = 0;
    private const int Sink = 1;
    private readonly CandidatePool pool;
    private readonly List<int> to = [];
    private readonly List<int> capacity = [];
    private readonly List<List<int>> edgesOf = [[], []];
    private readonly int[] evaluationNode;
    private readonly int[] candidateNode;
    private readonly int[] lockedOn;

    public StaffingFlow(CandidatePool pool, int load, IReadOnlyList<int> evaluations)
    {
        this.pool = pool;
        Evaluations = evaluations;
        evaluationNode = Enumerable.Repeat(-1, pool.EvaluationCount).ToArray();
        candidateNode = new int[pool.Candidates.Count];
        lockedOn = new int[pool.EvaluationCount];
        var lockedLoad = new int[pool.Candidates.Count];
        var lockedSeats = new HashSet<(int, int)>();
        var lockedGroups = new HashSet<(int, string)>();
        foreach (var (v, i) in pool.LockedSeats)
        {
            lockedLoad[i]++;
            lockedOn[v]++;
            lockedSeats.Add((v, i));
            lockedGroups.Add((v, pool.GroupOf(i)));
        }

        for (var i = 0; i < pool.Candidates.Count; i++)
        {
            candidateNode[i] = NewNode();
            AddEdge(candidateNode[i], Sink, Math.Max(0, load - lockedLoad[i]));
        }
        foreach (var v in evaluations)
        {
            var demand = Math.Max(0, pool.SeatsPerEvaluation - lockedOn[v]);
            Demand += demand;
            evaluationNode[v] = NewNode();
            AddEdge(Source, evaluationNode[v], demand);
            var open = pool.Eligible(v).Where(i => !lockedSeats.Contains((v, i)) && !lockedGroups.Contains((v, pool.GroupOf(i))));
            foreach (var group in open.GroupBy(pool.GroupOf))
            {
                var members = group.ToList();
                var from = evaluationNode[v];
                if (members.Count > 1)
                {
                    from = NewNode();
                    AddEdge(evaluationNode[v], from, 1);
                }
                foreach (var i in members)
                {
                    AddEdge(from, candidateNode[i], 1);
                }
            }
        }
        Flow = MaxFlow();
    }

    public IReadOnlyList<int> Evaluations { get; }

    public int Demand { get; }

    public int Flow { get; }

    public bool IsComplete => Flow == Demand;

    /// <summary>The group of evaluations that cannot all be staffed, the candidates at the cap among their
    /// eligible ones, and how many of the group's seats can be filled (locked ones included).</summary>
    public (IReadOnlyList<int> Evaluations, IReadOnlyList<int> AtCap, int SeatsNeeded, int SeatsFillable) Shortage()
    {
        var reached = Reachable();
        var group = Evaluations.Where(v => reached[evaluationNode[v]]).Order().ToList();
        var atCap = Enumerable.Range(0, pool.Candidates.Count).Where(i => reached[candidateNode[i]]).ToList();
        var fillable = group.Sum(v => lockedOn[v] + FlowOn(evaluationNode[v]));
        return (group, atCap, group.Count * pool.SeatsPerEvaluation, fillable);
    }

    private int FlowOn(int node) => edgesOf[node].Where(e => e % 2 == 0).Sum(e => capacity[e + 1]);

    private int NewNode()
    {
        edgesOf.Add([]);
        return edgesOf.Count - 1;
    }

    private void AddEdge(int from, int target, int edgeCapacity)
    {
        edgesOf[from].Add(to.Count);
        to.Add(target);
        capacity.Add(edgeCapacity);
        edgesOf[target].Add(to.Count);
        to.Add(from);
        capacity.Add(0);
    }

    private bool[] Reachable()
    {
        var reached = new bool[edgesOf.Count];
        var queue = new Queue<int>([Source]);
        reached[Source] = true;
        while (queue.TryDequeue(out var node))
        {
            foreach (var e in edgesOf[node].Where(e => capacity[e] > 0 && !reached[to[e]]))
            {
                reached[to[e]] = true;
                queue.Enqueue(to[e]);
            }
        }
        return reached;
    }

    // Dinic's algorithm: breadth-first levels, then blocking flows along strictly increasing levels.
    private int MaxFlow()
    {
        var total = 0;
        var level = new int[edgesOf.Count];
        var next = new int[edgesOf.Count];
        while (Levels(level))
        {
            Array.Clear(next);
            int pushed;
            while ((pushed = Push(Source, int.MaxValue, level, next)) > 0)
                total += pushed;
        }
        return total;
    }

    private bool Levels(int[] level)
    {
        Array.Fill(level, -1);
        level[Source] = 0;
        var queue = new Queue<int>([Source]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var e in edgesOf[node])
            {
                if (capacity[e] > 0 && level[to[e]] < 0)
                {
                    level[to[e]] = level[node] + 1;
                    queue.Enqueue(to[e]);
                }
            }
        }
        return level[Sink] >= 0;
    }

    private int Push(int node, int limit, int[] level, int[] next)
    {
        if (node == Sink)
            return limit;
        for (; next[node] < edgesOf[node].Count; next[node]++)
        {
            var e = edgesOf[node][next[node]];
            if (capacity[e] <= 0 || level[to[e]] != level[node] + 1)
                continue;
            var pushed = Push(to[e], Math.Min(limit, capacity[e]), level, next);
            if (pushed > 0)
            {
                capacity[e] -= pushed;
                capacity[e ^ 1] += pushed;
                return pushed;
            }
        }
        return 0;
    }
}
