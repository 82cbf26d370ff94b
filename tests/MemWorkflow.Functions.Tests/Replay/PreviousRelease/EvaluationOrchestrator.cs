using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Rounds;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MemWorkflow.Functions.Tests.Replay.PreviousRelease;

// The previous release's ("1.0") EvaluationOrchestrator, verbatim from commit 4630f1c47c3e2a8905d16cd56065d0dbb6834891
// (functions/MemWorkflow.Functions/Rounds/EvaluationOrchestrator.cs, last changed in d798c2a) but for this namespace.
// The upgrade test runs it under the real name to start rounds as that release did. Never edit it to follow today's code.

/// <summary>One per member state of a round (instance id <c>{roundId}.{ms}</c>). Each generation wakes
/// once: it asks the aggregate what is due (issue, assign, remind, conclude, deliver emails), then
/// sleeps until the next planned moment, the doorbell, the manual clock or the heartbeat, and continues
/// as new, so its history stays a few events long and no waiter outlives its generation.</summary>
public static class EvaluationOrchestrator
{
    public const string Name = nameof(EvaluationOrchestrator);

    private static readonly TimeSpan FailurePause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromSeconds(1);

    [Function(Name)]
    public static async Task Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<EvaluationInput>()!;
        EvaluationStep step;
        try
        {
            step = await context.CallActivityAsync<EvaluationStep>(nameof(EvaluationActivities.AdvanceEvaluation), input, WorkflowActivities.Retry);
        }
        catch (TaskFailedException)
        {
            // Storage may be down for longer than the retries: never end, try again after a pause.
            await context.CreateTimer(FailurePause, CancellationToken.None);
            context.ContinueAsNew(input, preserveUnprocessedEvents: true);
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
        context.ContinueAsNew(input, preserveUnprocessedEvents: true);
    }
}
