using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MemWorkflow.Functions.Rounds;

/// <summary>One per round (instance id = round id), started once the round is written: it makes every
/// member state's evaluation workflow run (starting again one that ended while its evaluation is still
/// live), and closes the round once every evaluation is final. It wakes when an evaluation's workflow
/// ends and at the heartbeat; a failing step is recorded and tried again after a growing pause, never
/// the end of the round's workflow. Instances of version 1.0 run <see cref="RoundOrchestratorV1"/>.</summary>
public static class RoundOrchestrator
{
    public const string Name = nameof(RoundOrchestrator);

    [Function(Name)]
    public static Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        context.Version == Workflow.Version ? RunAsync(context) : RoundOrchestratorV1.RunAsync(context);

    private static async Task<string> RunAsync(TaskOrchestrationContext context)
    {
        var input = context.GetInput<RoundInput>()!;
        string? closed = null;
        RoundProgress progress;
        try
        {
            progress = await context.CallActivityAsync<RoundProgress>(nameof(WorkflowActivities.SuperviseRound), input.RoundId, WorkflowActivities.Retry);
            if (progress.Exists && progress.AllFinal)
                closed = await context.CallActivityAsync<string>(nameof(WorkflowActivities.CloseRound), input.RoundId, WorkflowActivities.Retry);
            if (input.Failures > 0)
                await context.CallActivityAsync(nameof(WorkflowActivities.RecordStepRecovered), new EvaluationInput(input.RoundId, Workflow.RoundStream), WorkflowActivities.Retry);
        }
        catch (TaskFailedException failure)
        {
            await StepFailures.PauseAsync(context, input.Failures + 1, new StepFailure(input.RoundId, Workflow.RoundStream, input.Failures + 1,
                failure.FailureDetails?.ErrorMessage ?? failure.Message));
            context.ContinueAsNew(new ContinueAsNewOptions { NewInput = input with { Failures = input.Failures + 1 }, PreserveUnprocessedEvents = true, NewVersion = Workflow.Version });
            return "retrying";
        }
        // The round is written before its workflow starts: one that does not exist never will.
        if (!progress.Exists)
            return "no such round";
        if (closed is not null || progress.Closed)
            return closed ?? "Closed";

        using var cancel = new CancellationTokenSource();
        var heartbeat = context.CreateTimer(progress.Heartbeat, cancel.Token);
        var finished = context.WaitForExternalEvent<string?>(Workflow.EvaluationFinished, cancel.Token);
        await Task.WhenAny(heartbeat, finished);
        cancel.Cancel();
        context.ContinueAsNew(new ContinueAsNewOptions { NewInput = input with { Failures = 0 }, PreserveUnprocessedEvents = true, NewVersion = Workflow.Version });
        return "continued";
    }
}
