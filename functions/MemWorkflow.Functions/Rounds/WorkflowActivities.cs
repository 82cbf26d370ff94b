using MemWorkflow.Functions.Reminders;
using MemWorkflow.Functions.Reviews;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MemWorkflow.Functions.Rounds;

/// <summary>The activities of the round and evaluation workflows: small, idempotent, each deciding
/// against the aggregates.</summary>
public sealed class WorkflowActivities(RoundQueries queries, EvaluationAdvancer advancer, ReviewWorkflow reviews)
{
    /// <summary>Storage hiccups are retried by the engine before an orchestrator sees a failure.</summary>
    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    /// <summary>The round's member states, or null while the round is not written (yet).</summary>
    [Function(nameof(RoundCountries))]
    public async Task<IReadOnlyList<string>?> RoundCountries([ActivityTrigger] string roundId) =>
        (await queries.GetAsync(roundId))?.Settings.Countries.Select(c => c.MemberState).ToList();

    [Function(nameof(AdvanceEvaluation))]
    public Task<EvaluationStep> AdvanceEvaluation([ActivityTrigger] EvaluationInput input) =>
        advancer.AdvanceAsync(input.RoundId, input.MemberState, CancellationToken.None);

    /// <summary>Closes the round if every evaluation is final; answers the round's status.</summary>
    [Function(nameof(CloseRound))]
    public async Task<string> CloseRound([ActivityTrigger] string roundId)
    {
        var round = await queries.GetAsync(roundId) ?? throw new InvalidOperationException($"Round {roundId} does not exist.");
        await reviews.CloseIfDoneAsync(round, CancellationToken.None);
        return (await queries.GetAsync(roundId))!.Status.ToString();
    }
}
