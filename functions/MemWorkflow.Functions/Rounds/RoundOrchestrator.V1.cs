using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Storage;
using Microsoft.DurableTask;

namespace MemWorkflow.Functions.Rounds;

/// <summary>Version 1.0 of the round's workflow, as released: it ran each evaluation's workflow as a
/// sub-orchestration and gave up on a round it could not find within a minute. Instances started under
/// it replay here unchanged until they end; the supervisor then starts the current version for a round
/// that is still open.</summary>
internal static class RoundOrchestratorV1
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    public static async Task<string> RunAsync(TaskOrchestrationContext context)
    {
        var input = context.GetInput<RoundInput>()!;
        IReadOnlyList<string>? countries = null;
        for (var attempt = 0; attempt < 60 && countries is null; attempt++)
        {
            countries = await context.CallActivityAsync<IReadOnlyList<string>?>(nameof(WorkflowActivities.RoundCountries), input.RoundId, Retry);
            if (countries is null)
                await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);
        }
        if (countries is null)
            return "never started";

        await Task.WhenAll(countries.Select(ms => context.CallSubOrchestratorAsync(EvaluationOrchestrator.Name,
            new EvaluationInput(input.RoundId, ms), new SubOrchestrationOptions(instanceId: Workflow.EvaluationInstance(input.RoundId, ms)))));
        return await context.CallActivityAsync<string>(nameof(WorkflowActivities.CloseRound), input.RoundId, Retry);
    }
}
