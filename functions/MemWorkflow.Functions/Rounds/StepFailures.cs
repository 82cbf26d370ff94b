using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;
using Microsoft.DurableTask;

namespace MemWorkflow.Functions.Rounds;

/// <summary>What a workflow does when its step failed even after the activity's own retries: record the
/// failure (the MEM Unit sees it, and an incident opens when it lasts), then pause for a delay that grows
/// with each failure in a row, waking early only for the manual clock (development and tests).</summary>
public static class StepFailures
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestPause = TimeSpan.FromHours(1);

    /// <summary>30 s, 1 min, 2 min, … up to an hour: never a spin, never more than an hour late.</summary>
    public static TimeSpan Pause(int failures) =>
        TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks * (1L << Math.Min(failures - 1, 20))));

    public static async Task PauseAsync(TaskOrchestrationContext context, int failures, StepFailure failure)
    {
        var pause = Pause(failures);
        context.SetCustomStatus(new WorkflowStatus(null, -1, "retry after a failed step", default, null)
        {
            Failures = failures,
            LastError = failure.Error,
            RetryAt = context.CurrentUtcDateTime + pause,
        });
        try
        {
            await context.CallActivityAsync(nameof(WorkflowActivities.RecordStepFailure), failure, WorkflowActivities.Retry);
        }
        catch (TaskFailedException)
        {
            // Storage is down too: the pause and the next attempt still happen; the record waits for it.
        }
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(pause, cancel.Token);
        var clock = context.WaitForExternalEvent<object?>(Workflow.ClockAdvanced, cancel.Token);
        await Task.WhenAny(timer, clock);
        cancel.Cancel();
    }
}
