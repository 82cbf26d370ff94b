using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Rounds;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MemWorkflow.Functions.Evaluations;

/// <summary>One per member state of a round (instance id <c>{roundId}.{ms}</c>). Each generation wakes
/// once: it asks the aggregate what is due (issue, assign, remind, conclude, deliver emails), then
/// sleeps until the next planned moment, the doorbell, the manual clock or the heartbeat, and continues
/// as new, so its history stays a few events long and no waiter outlives its generation. A step that
/// fails is recorded and tried again after a growing pause: the workflow never ends on a failure. When
/// the evaluation is final and nothing is left to deliver, it tells the round's workflow and ends.
/// Generations of an older version run their own code (<see cref="EvaluationOrchestratorV1"/>) and
/// continue onto this one.</summary>
public static class EvaluationOrchestrator
{
    public const string Name = nameof(EvaluationOrchestrator);

    private static readonly TimeSpan MinimumSleep = TimeSpan.FromSeconds(1);

    [Function(Name)]
    public static Task Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.Version == Workflow.Version ? RunAsync(context) : EvaluationOrchestratorV1.RunAsync(context);

    /// <summary>The next generation, on the current version, with no failure behind it.</summary>
    internal static ContinueAsNewOptions Upgrade(EvaluationInput input) =>
        new() { NewInput = input with { Failures = 0 }, PreserveUnprocessedEvents = true, NewVersion = Workflow.Version };

    private static async Task RunAsync(TaskOrchestrationContext context)
    {
        var input = context.GetInput<EvaluationInput>()!;
        EvaluationStep step;
        try
        {
            step = await context.CallActivityAsync<EvaluationStep>(nameof(EvaluationActivities.AdvanceEvaluation), input, WorkflowActivities.Retry);
            if (input.Failures > 0)
                await context.CallActivityAsync(nameof(WorkflowActivities.RecordStepRecovered), input, WorkflowActivities.Retry);
        }
        catch (TaskFailedException failure)
        {
            await StepFailures.PauseAsync(context, input.Failures + 1, new StepFailure(input.RoundId, input.MemberState, input.Failures + 1,
                failure.FailureDetails?.ErrorMessage ?? failure.Message));
            context.ContinueAsNew(new ContinueAsNewOptions { NewInput = input with { Failures = input.Failures + 1 }, PreserveUnprocessedEvents = true, NewVersion = Workflow.Version });
            return;
        }
        if (step.Done)
        {
            context.SetCustomStatus(new WorkflowStatus(step.Stage, step.Version, step.WaitingFor, step.Now, null, step.RoundVersion));
            // The round's workflow closes the round once every evaluation is final; an event to it is cheap and
            // dropped if it has ended.
            context.SendEvent(Workflow.RoundInstance(input.RoundId), Workflow.EvaluationFinished, input.MemberState);
            return;
        }

        // At least a second: a moment already due that the activity could not act on must not spin the workflow.
        var sleep = step.NextWakeUp is { } next && next - step.Now < step.Heartbeat ? next - step.Now : step.Heartbeat;
        sleep = sleep < MinimumSleep ? MinimumSleep : sleep;
        context.SetCustomStatus(new WorkflowStatus(step.Stage, step.Version, step.WaitingFor, step.Now, step.Now + sleep, step.RoundVersion));
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(sleep, cancel.Token);
        var doorbell = context.WaitForExternalEvent<object?>(Workflow.EvaluationChanged, cancel.Token);
        var clock = context.WaitForExternalEvent<object?>(Workflow.ClockAdvanced, cancel.Token);
        await Task.WhenAny(timer, doorbell, clock);
        cancel.Cancel();
        context.ContinueAsNew(Upgrade(input));
    }
}
