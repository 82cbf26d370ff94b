using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Rounds;

/// <summary><see cref="Failures"/>: steps failed in a row before this generation (0 in version 1.0 inputs).</summary>
public sealed record RoundInput(string RoundId, int Failures = 0);

/// <summary><see cref="Failures"/>: steps failed in a row before this generation (0 in version 1.0 inputs).</summary>
public sealed record EvaluationInput(string RoundId, string MemberState, int Failures = 0);

/// <summary>A workflow step that failed after the activity's retries: <see cref="Stream"/> is the member
/// state, or <see cref="Workflow.RoundStream"/> for the round's own workflow.</summary>
public sealed record StepFailure(string RoundId, string Stream, int Failures, string Error);

/// <summary>What the round's workflow found: whether the round exists, is closed, and whether every
/// evaluation is final (then it closes the round); how long to sleep without news.</summary>
public sealed record RoundProgress(bool Exists, bool Closed, bool AllFinal, TimeSpan Heartbeat);

/// <summary>What one wake-up of an evaluation's workflow found and did, as of <see cref="Now"/> (the
/// app's clock, read in the activity so replay is safe). <see cref="Done"/>: the stage is final and
/// every email is delivered or failed. <see cref="NextWakeUp"/>: the next reminder, deadline or email
/// retry; null when only a doorbell or the heartbeat can bring news. <see cref="Heartbeat"/>: the longest
/// the workflow sleeps without news, so a lost doorbell delays a reaction by at most that much.
/// <see cref="RoundVersion"/>: the round's version it read (what the round owed the evaluation, such as its
/// reviewers, was applied as of that version); null in the output of a step recorded before it was (a replayed
/// history), whose status is then judged without it.</summary>
public sealed record EvaluationStep(
    Stage? Stage, int Version, bool Done, DateTimeOffset Now, DateTimeOffset? NextWakeUp, string WaitingFor, TimeSpan Heartbeat, int? RoundVersion = null);

/// <summary>An evaluation workflow's custom status: what the MEM Unit sees in GET .../workflow.
/// <see cref="Version"/> is the evaluation's version it last planned from, <see cref="RoundVersion"/> the round's
/// (absent from the statuses of older generations).</summary>
public sealed record WorkflowStatus(Stage? Stage, int Version, string WaitingFor, DateTimeOffset PlannedAt, DateTimeOffset? NextWakeUp, int? RoundVersion = null)
{
    /// <summary>Steps failed in a row; the workflow pauses until <see cref="RetryAt"/> (the engine's time).</summary>
    public int Failures { get; init; }

    public string? LastError { get; init; }

    public DateTime? RetryAt { get; init; }
}

/// <summary>Names and ids shared by the orchestrations and the code that talks to them. Instance ids
/// derive from business ids, so a round's or an evaluation's workflow can never run twice.</summary>
public static class Workflow
{
    /// <summary>Raised after a command on the evaluation commits. Carries nothing that matters: the
    /// orchestration reads the aggregate.</summary>
    public const string EvaluationChanged = nameof(EvaluationChanged);

    /// <summary>Raised on every running orchestration when the manual clock moves.</summary>
    public const string ClockAdvanced = nameof(ClockAdvanced);

    /// <summary>Raised on the round's workflow by an evaluation's workflow that ended (payload: the member state).</summary>
    public const string EvaluationFinished = nameof(EvaluationFinished);

    /// <summary>The orchestrators' current version (host.json's defaultVersion). A change that would replay an
    /// instance in flight differently is a new version; the older versions' code stays until none runs.</summary>
    public const string Version = "2.0";

    /// <summary>The round's own workflow where a stream name is wanted (member states are upper case).</summary>
    public const string RoundStream = "round";

    public static string RoundInstance(string roundId) => roundId;

    public static string EvaluationInstance(string roundId, string memberState) => $"{roundId}.{memberState}";
}
