using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Rounds;
using Microsoft.DurableTask;

namespace MemWorkflow.Functions.Evaluations;

/// <summary>Version 1.0 of the evaluation's workflow, as released: generations started under it replay
/// here, action for action (the recorded histories in the tests hold it to that), and continue as new
/// onto the current version. Never change what it schedules, only where it continues to.</summary>
internal static class EvaluationOrchestratorV1
{
    public const string Version = "1.0";

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));
    private static readonly TimeSpan FailurePause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(TaskOrchestrationContext context)
    {
        var input = context.GetInput<EvaluationInput>()!;
        EvaluationStep step;
        try
        {
            step = await context.CallActivityAsync<EvaluationStep>(nameof(EvaluationActivities.AdvanceEvaluation), input, Retry);
        }
        catch (TaskFailedException)
        {
            // Storage may be down for longer than the retries: never end, try again after a pause.
            await context.CreateTimer(FailurePause, CancellationToken.None);
            context.ContinueAsNew(EvaluationOrchestrator.Upgrade(input));
            return;
        }
        if (step.Done)
        {
            context.SetCustomStatus(new WorkflowStatus(step.Stage, step.Version, step.WaitingFor, step.Now, null));
            return;
        }

        // At least a second: a moment already due that the activity could not act on must not spin the workflow.
        var sleep = step.NextWakeUp is { } next && next - step.Now < step.Heartbeat ? next - step.Now : step.Heartbeat;
        sleep = sleep < MinimumSleep ? MinimumSleep : sleep;
        context.SetCustomStatus(new WorkflowStatus(step.Stage, step.Version, step.WaitingFor, step.Now, step.Now + sleep));
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(sleep, cancel.Token);
        var doorbell = context.WaitForExternalEvent<object?>(Workflow.EvaluationChanged, cancel.Token);
        var clock = context.WaitForExternalEvent<object?>(Workflow.ClockAdvanced, cancel.Token);
        await Task.WhenAny(timer, doorbell, clock);
        cancel.Cancel();
        context.ContinueAsNew(EvaluationOrchestrator.Upgrade(input));
    }
}
