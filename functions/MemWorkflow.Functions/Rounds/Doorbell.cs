using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

/// <summary>Tells a round's workflows that something was committed. A handler declares a Doorbell
/// parameter; its function passes the Durable client it was given (<see cref="Shell.Http.HttpFunctions.RunAsync"/>).
/// Ringing never fails the command that already committed: a lost ring is healed by the heartbeat.</summary>
public sealed class Doorbell(DurableTaskClient client, ILogger logger)
{
    public DurableTaskClient Client => client;

    public static ValueTask<Doorbell?> BindAsync(HttpContext context) => ValueTask.FromResult<Doorbell?>(new Doorbell(
        context.Features.Get<DurableTaskClient>() ?? throw new InvalidOperationException("This function passes no Durable client to its handler."),
        context.RequestServices.GetRequiredService<ILogger<Doorbell>>()));

    public async Task RingAsync(string roundId, string memberState)
    {
        try
        {
            await client.RaiseEventAsync(Workflow.EvaluationInstance(roundId, memberState), Workflow.EvaluationChanged);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Doorbell of {RoundId} {MemberState} not rung; the heartbeat will notice", roundId, memberState);
        }
    }

    public Task RingAllAsync(string roundId, IEnumerable<string> memberStates) =>
        Task.WhenAll(memberStates.Select(ms => RingAsync(roundId, ms)));

    /// <summary>Schedules the round's workflow before the round is written (the workflow waits for it).
    /// A second schedule of the same round does nothing: the instance id is the round id.</summary>
    public async Task StartRoundAsync(string roundId)
    {
        var instance = Workflow.RoundInstance(roundId);
        if (await client.GetInstanceAsync(instance) is not null)
            return;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(RoundOrchestrator.Name, new RoundInput(roundId),
                new StartOrchestrationOptions(instance) { Version = Workflow.Version });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A concurrent repeat of the same request may have scheduled it first: one workflow, as wanted.
            if (await client.GetInstanceAsync(instance) is null)
                throw;
            logger.LogInformation("Round workflow {RoundId} was already scheduled", roundId);
        }
    }
}
