using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

/// <summary>Tells a round's workflows that something was committed. A handler declares a Doorbell
/// parameter; its function passes the Durable client it was given (<see cref="Http.HttpFunctions.RunAsync"/>).
/// Ringing never fails the command that already committed: a lost ring is healed by the heartbeat.</summary>
public sealed class Doorbell(DurableTaskClient client, ILogger logger)
{
    public DurableTaskClient Client => client;

    public static ValueTask<Doorbell?> BindAsync(HttpContext context) => ValueTask.FromResult<Doorbell?>(new Doorbell(
        context.Features.Get<DurableTaskClient>() ?? throw new InvalidOperationException("This function passes no Durable client to its handler."),
        context.RequestServices.GetRequiredService<ILogger<Doorbell>>()));

    /// <summary>Wakes the evaluation's workflow; one that has ended (a late email, a retried message, a
    /// command after completion) is started again instead, since an event to an ended instance is dropped.</summary>
    public async Task RingAsync(string roundId, string memberState)
    {
        try
        {
            if (await WorkflowStarter.EnsureEvaluationAsync(client, roundId, memberState))
            {
                logger.LogInformation("Workflow of {RoundId} {MemberState} had ended; started again by the doorbell", roundId, memberState);
                return;
            }
            await client.RaiseEventAsync(Workflow.EvaluationInstance(roundId, memberState), Workflow.EvaluationChanged);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Doorbell of {RoundId} {MemberState} not rung; the heartbeat or the supervisor will notice", roundId, memberState);
        }
    }

    public Task RingAllAsync(string roundId, IEnumerable<string> memberStates) =>
        Task.WhenAll(memberStates.Select(ms => RingAsync(roundId, ms)));

    /// <summary>Makes the round's workflow run: started unless a live one exists (the instance id is the
    /// round id, so a repeat starts nothing twice), started again if it had ended.</summary>
    public async Task StartRoundAsync(string roundId)
    {
        if (await WorkflowStarter.EnsureRoundAsync(client, roundId))
            logger.LogInformation("Round workflow {RoundId} started", roundId);
    }
}
