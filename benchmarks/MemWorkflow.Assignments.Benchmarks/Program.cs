using System.Diagnostics;
using MemWorkflow.Assignments;
using MemWorkflow.Assignments.Benchmarks;
using MemWorkflow.Core.Assignments;

// Usage: dotnet run -c Release --project benchmarks/MemWorkflow.Assignments.Benchmarks [-- runs [small|stress]]
// Prints, per case, the median solve time, the objective values and each stage of the last run.
var runs = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
var only = args.Length > 1 ? args[1] : null;
var cases = new[]
{
    (Key: "small", Name: "34 states x 68 experts x 2 seats (IS, RIME, IC)", Runs: runs,
        Problem: RealisticPool.Generate(34, 68, 2, ["IS", "RIME", "IC"], seed: 2023)),
    (Key: "stress", Name: "193 states x 400 experts x 3 seats (all five pillars)", Runs: Math.Min(runs, 3),
        Problem: RealisticPool.Generate(193, 400, 3, ["IS", "DR", "SR", "RIME", "IC"], seed: 2024)),
};

var stages = new List<CpSatStageReport>();
var solver = new CpSatAssignmentSolver(new CpSatAssignmentSolverOptions { StageCompleted = stages.Add });
solver.Solve(RealisticPool.Generate(3, 6, 1, ["IS"], seed: 1)); // loads the native library outside the timings

foreach (var (key, name, count, problem) in cases.Where(c => only is null || c.Key == only))
{
    var times = new List<double>();
    SolveResult? result = null;
    for (var run = 0; run < count; run++)
    {
        stages.Clear();
        var watch = Stopwatch.StartNew();
        result = solver.Solve(problem);
        times.Add(watch.Elapsed.TotalSeconds);
    }
    times.Sort();
    Console.WriteLine($"{name}: median {times[times.Count / 2]:F3} s over {count} runs (min {times[0]:F3} s, max {times[^1]:F3} s)");
    Console.WriteLine(result switch
    {
        SolveResult.Proposed { Proposal: var p } => $"  optimal={p.Optimal} {p.Objectives}",
        SolveResult.Infeasible { Infeasibility: var i } => $"  infeasible: {i.Summary}",
        _ => "  no result",
    });
    foreach (var stage in stages)
        Console.WriteLine($"  {stage.Role,-10} {stage.Stage,-32} value {stage.Value,6}  {(stage.Solved ? stage.Proven ? "proven" : "NOT proven" : "bound reached, no search")}  {stage.WallTime.TotalSeconds,7:F3} s  det {stage.DeterministicTime,7:F2}");
}
