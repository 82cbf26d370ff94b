using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

/// <summary>The round workflow's activities and the failure records both workflows keep: small,
/// idempotent, each deciding against the aggregates. The evaluation's step is <see cref="EvaluationActivities"/>.</summary>
public sealed class WorkflowActivities(RoundQueries queries, ReviewCommands reviews, WorkflowSupervisor supervisor, WorkflowFailures failures, InjectedFaults faults)
{
    /// <summary>Storage hiccups are retried by the engine before an orchestrator sees a failure; what lasts
    /// longer is the workflow's own growing pause (<see cref="StepFailures"/>).</summary>
    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(10)));

    /// <summary>The round's member states, or null while the round is not written (yet). Version 1.0 only.</summary>
    [Function(nameof(RoundCountries))]
    public async Task<IReadOnlyList<string>?> RoundCountries([ActivityTrigger] string roundId) =>
        (await queries.GetAsync(roundId))?.Settings.Countries.Select(c => c.MemberState).ToList();

    /// <summary>The activities a development fault can be armed for (<c>POST /api/dev/faults</c>).</summary>
    public static readonly IReadOnlyList<string> Faultable = [nameof(EvaluationActivities.AdvanceEvaluation), nameof(SuperviseRound), nameof(CloseRound)];

    /// <summary>Makes every live evaluation of the round have a running workflow; answers where the round stands.</summary>
    [Function(nameof(SuperviseRound))]
    public async Task<RoundProgress> SuperviseRound([ActivityTrigger] string roundId, [DurableClient] DurableTaskClient client)
    {
        await faults.ThrowIfArmedAsync(nameof(SuperviseRound), Workflow.RoundStream, CancellationToken.None);
        return await supervisor.SuperviseRoundAsync(client, roundId, CancellationToken.None);
    }

    /// <summary>Closes the round if every evaluation is final; answers the round's status.</summary>
    [Function(nameof(CloseRound))]
    public async Task<string> CloseRound([ActivityTrigger] string roundId)
    {
        await faults.ThrowIfArmedAsync(nameof(CloseRound), Workflow.RoundStream, CancellationToken.None);
        var round = await queries.GetAsync(roundId) ?? throw new InvalidOperationException($"Round {roundId} does not exist.");
        await reviews.CloseIfDoneAsync(round, CancellationToken.None);
        return (await queries.GetAsync(roundId))!.Status.ToString();
    }

    [Function(nameof(RecordStepFailure))]
    public Task RecordStepFailure([ActivityTrigger] StepFailure failure) => failures.RecordAsync(failure, CancellationToken.None);

    [Function(nameof(RecordStepRecovered))]
    public Task RecordStepRecovered([ActivityTrigger] EvaluationInput input) =>
        failures.RecoveredAsync(input.RoundId, input.MemberState, CancellationToken.None);
}
