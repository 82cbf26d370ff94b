namespace MemWorkflow.Assignments;

/// <summary>Limits of the CP-SAT solver. The limit is deterministic time (CP-SAT's own work measure,
/// roughly seconds on a fast core), never wall-clock time, so a stage that stops at its limit stops at the
/// same point on every run and the same problem and seed give the same proposal.</summary>
public sealed record CpSatAssignmentSolverOptions
{
    /// <summary>Deterministic time allowed to each optimisation stage. A stage that reaches it keeps the
    /// best proposal found so far and the result is marked not optimal.</summary>
    public double MaxDeterministicTimePerStage { get; init; } = 10;

    /// <summary>Called after each stage (benchmarks print it); null by default.</summary>
    public Action<CpSatStageReport>? StageCompleted { get; init; }
}

/// <summary>What one optimisation stage reached: for benchmarks and logs.</summary>
public sealed record CpSatStageReport(string Role, string Stage, long Value, bool Proven, bool Solved, TimeSpan WallTime, double DeterministicTime);
