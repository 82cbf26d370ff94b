using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Functions.Rounds;

public sealed record RoundInput(string RoundId);

public sealed record EvaluationInput(string RoundId, string MemberState);

/// <summary>What one wake-up of an evaluation's workflow found and did, as of <see cref="Now"/> (the
/// app's clock, read in the activity so replay is safe). <see cref="Done"/>: the stage is final and
/// every email is delivered or failed. <see cref="NextWakeUp"/>: the next reminder, deadline or email
/// retry; null when only a doorbell or the heartbeat can bring news. <see cref="Heartbeat"/>: the longest
/// the workflow sleeps without news, so a lost doorbell delays a reaction by at most that much.</summary>
public sealed record EvaluationStep(Stage? Stage, int Version, bool Done, DateTimeOffset Now, DateTimeOffset? NextWakeUp, string WaitingFor, TimeSpan Heartbeat);

/// <summary>An evaluation workflow's custom status: what the MEM Unit sees in GET .../workflow.
/// <see cref="Version"/> is the evaluation's version it last planned from.</summary>
public sealed record WorkflowStatus(Stage? Stage, int Version, string WaitingFor, DateTimeOffset PlannedAt, DateTimeOffset? NextWakeUp);

/// <summary>Names and ids shared by the orchestrations and the code that talks to them. Instance ids
/// derive from business ids, so a round's or an evaluation's workflow can never run twice.</summary>
public static class Workflow
{
    /// <summary>Raised after a command on the evaluation commits. Carries nothing that matters: the
    /// orchestration reads the aggregate.</summary>
    public const string EvaluationChanged = nameof(EvaluationChanged);

    /// <summary>Raised on every running orchestration when the manual clock moves.</summary>
    public const string ClockAdvanced = nameof(ClockAdvanced);

    public const string Version = "1.0";

    public static string RoundInstance(string roundId) => roundId;

    public static string EvaluationInstance(string roundId, string memberState) => $"{roundId}.{memberState}";
}
