using System.ComponentModel.DataAnnotations;

namespace MemWorkflow.Functions.Rounds;

public sealed class WorkflowOptions
{
    public const string Section = "Mem:Workflow";

    /// <summary>The longest an evaluation's workflow sleeps without news: a doorbell lost in a crash
    /// delays the reaction to a command by at most this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a workflow's step may keep failing (app time) before an incident opens and the
    /// MEM Unit is alerted, once.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AlertAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How much longer than it ever sleeps a workflow may stay quiet before the supervisor deems it
    /// stuck, terminates it and starts it again (<see cref="Rounds.StuckWorkflows"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(30);
}
