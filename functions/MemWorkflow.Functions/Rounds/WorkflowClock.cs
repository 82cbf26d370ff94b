using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Shell;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

public sealed record ClockMoved(DateTimeOffset Now, int Woken, bool Settled);

/// <summary>Moves the manual clock the way real time would pass: first every round's workflows catch up
/// at the current time (so what a command just did is dated before the move), then the clock moves and
/// every running evaluation workflow is woken (ClockAdvanced) and re-plans at the new time. Each wait
/// is bounded; <see cref="ClockMoved.Settled"/> says whether everything caught up in time.</summary>
public sealed class WorkflowClock(RoundQueries queries, WorkflowProbe probe)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async Task<ClockMoved> AdvanceAsync(DurableTaskClient client, ManualClock clock, TimeSpan by, CancellationToken cancellationToken)
    {
        await WakeAsync(client, await RunningAsync(client, cancellationToken), cancellationToken);
        var settled = true;
        var deadline = DateTimeOffset.UtcNow + Patience;
        foreach (var round in (await queries.ListAsync(cancellationToken)).Where(r => r.Status != RoundStatus.Closed))
        {
            while (!(await probe.DescribeAsync(client, round, cancellationToken)).CaughtUp)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    settled = false;
                    break;
                }
                await Task.Delay(100, cancellationToken);
            }
        }

        clock.Advance(by);
        var now = clock.GetUtcNow();
        var running = await RunningAsync(client, cancellationToken);
        await WakeAsync(client, running, cancellationToken);
        deadline = DateTimeOffset.UtcNow + Patience;
        var waiting = running;
        while (waiting.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            var planned = await Task.WhenAll(waiting.Select(async id =>
            {
                var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
                return instance is null || !instance.IsRunning || instance.ReadCustomStatusAs<WorkflowStatus>()?.PlannedAt >= now;
            }));
            waiting = waiting.Where((_, i) => !planned[i]).ToList();
            if (waiting.Count > 0)
                await Task.Delay(100, cancellationToken);
        }
        return new ClockMoved(now, running.Count, settled && waiting.Count == 0);
    }

    private static async Task<List<string>> RunningAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var running = new List<string>();
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending], PageSize = 1000 };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.Name == EvaluationOrchestrator.Name)
                running.Add(instance.InstanceId);
        }
        return running;
    }

    private static Task WakeAsync(DurableTaskClient client, IEnumerable<string> instances, CancellationToken cancellationToken) =>
        Task.WhenAll(instances.Select(id => client.RaiseEventAsync(id, Workflow.ClockAdvanced, cancellation: cancellationToken)));
}
