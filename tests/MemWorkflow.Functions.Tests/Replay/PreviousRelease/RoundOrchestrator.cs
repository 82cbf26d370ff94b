using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Rounds;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MemWorkflow.Functions.Tests.Replay.PreviousRelease;

// The previous release's ("1.0") RoundOrchestrator, verbatim from commit 4630f1c47c3e2a8905d16cd56065d0dbb6834891
// (functions/MemWorkflow.Functions/Rounds/RoundOrchestrator.cs, last changed in d798c2a) but for this namespace.

/// <summary>One per round (instance id = round id): starts each member state's evaluation workflow,
/// which issues its questionnaire, and closes the round once every evaluation is final. Scheduled
/// before the round is written, so a round never exists without its workflow; the round it cannot
/// find within a minute was never written.</summary>
public static class RoundOrchestrator
{
    public const string Name = nameof(RoundOrchestrator);

    [Function(Name)]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<RoundInput>()!;
        IReadOnlyList<string>? countries = null;
        for (var attempt = 0; attempt < 60 && countries is null; attempt++)
        {
            countries = await context.CallActivityAsync<IReadOnlyList<string>?>(nameof(WorkflowActivities.RoundCountries), input.RoundId, WorkflowActivities.Retry);
            if (countries is null)
                await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
        }
        if (countries is null)
            return "never started";

        await Task.WhenAll(countries.Select(ms => context.CallSubOrchestratorAsync(EvaluationOrchestrator.Name,
            new EvaluationInput(input.RoundId, ms), new SubOrchestrationOptions(instanceId: Workflow.EvaluationInstance(input.RoundId, ms)))));
        return await context.CallActivityAsync<string>(nameof(WorkflowActivities.CloseRound), input.RoundId, WorkflowActivities.Retry);
    }
}
