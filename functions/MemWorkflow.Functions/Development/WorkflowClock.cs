using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Development;

/// <summary><see cref="Unsettled"/>: each workflow the move did not settle, with why (what its status said when the
/// wait gave up on it), so a move that answers <c>settled: false</c> says what to look at.</summary>
public sealed record ClockMoved(DateTimeOffset Now, int Woken, bool Settled, IReadOnlyList<string> Unsettled);

/// <summary>Moves the manual clock the way real time would pass: first every round's workflows (started
/// again by the supervisor if one had ended) catch up
/// at the current time (so what a command just did is dated before the move), then the clock moves and
/// every running evaluation workflow is woken (ClockAdvanced) and re-plans at the new time. Each wait
/// is bounded; <see cref="ClockMoved.Settled"/> says whether everything caught up in time. The new time
/// is stored before the clock moves, so a restart never takes the clock back behind what workflows acted on.</summary>
public sealed class WorkflowClock(RoundQueries queries, WorkflowProbe probe, WorkflowSupervisor supervisor, ManualClockStore store)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Two moves at once must add up, and store the later time last.
    private readonly SemaphoreSlim moving = new(1, 1);

    public async Task<ClockMoved> AdvanceAsync(DurableTaskClient client, ManualClock clock, TimeSpan by, CancellationToken cancellationToken)
    {
        // Every evaluation workflow of a round not closed, by id: a status read in the middle of a
        // continue-as-new (or after a crash) must not leave one asleep.
        var listed = await queries.ListAsync(cancellationToken);
        var rounds = listed.Where(r => r.Status != RoundStatus.Closed).ToList();
        var instances = rounds.SelectMany(r => r.Settings.Countries.Select(c => Workflow.EvaluationInstance(r.RoundId, c.MemberState))).ToList();
        // A workflow that ended while its evaluation is live is started again first, so it acts at the time
        // things fell due, not after the move.
        await supervisor.RunAsync(client, cancellationToken, listed);
        await WakeAsync(client, instances, cancellationToken);
        var unsettled = new List<string>();
        var deadline = DateTimeOffset.UtcNow + Patience;
        foreach (var round in rounds)
        {
            // A workflow pausing after a failed step cannot catch up: it is not waited for, and the move is
            // not settled (a client that needs it settled moves by zero again, which wakes it to try again).
            // Nor can one that ended under a live evaluation (terminated, say): not waited for either, the move
            // is not settled, and the next move's supervisor pass starts it again.
            while (true)
            {
                var views = (await probe.DescribeAsync(client, round, cancellationToken)).Evaluations;
                var given = views.All(e => e.CaughtUp || e.Failures > 0 || e.RuntimeStatus is "Terminated" or "Failed" or "NotStarted");
                if (given || DateTimeOffset.UtcNow > deadline)
                {
                    unsettled.AddRange(views.Where(e => !e.CaughtUp).Select(e => $"{e.InstanceId}: not caught up before the move ({e.RuntimeStatus}, "
                        + $"planned at {e.PlannedAt:O}, next wake-up {e.NextWakeUp:O}, {e.Failures} failures{(given ? "" : ", waited 30 s")})"));
                    break;
                }
                await Task.Delay(100, cancellationToken);
            }
        }

        DateTimeOffset now;
        await moving.WaitAsync(cancellationToken);
        try
        {
            await store.SaveAsync(clock.GetUtcNow() + by, cancellationToken);
            now = clock.Advance(by);
        }
        finally
        {
            moving.Release();
        }
        await WakeAsync(client, instances, cancellationToken);
        deadline = DateTimeOffset.UtcNow + Patience;
        var waiting = instances;
        var lastSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        while (waiting.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            var statuses = await Task.WhenAll(waiting.Select(async id =>
            {
                var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
                var status = instance?.ReadCustomStatusAs<WorkflowStatus>();
                // Completed: its evaluation is final. Missing, terminated or failed under a live evaluation: nothing
                // keeps its time now, so the move is not settled (the next move's supervisor pass starts it again).
                var done = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
                var ended = instance is null or { RuntimeStatus: OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated };
                var seen = $"{instance?.RuntimeStatus.ToString() ?? "NotStarted"}, planned at {status?.PlannedAt:O}, {status?.Failures ?? 0} failures, "
                    + $"last updated {instance?.LastUpdatedAt:O} (real time)";
                return (Id: id, Planned: done || !ended && status?.PlannedAt >= now, Unsettled: ended || !done && status?.Failures > 0, Seen: seen);
            }));
            foreach (var status in statuses)
            {
                lastSeen[status.Id] = status.Seen;
                if (status.Unsettled)
                    unsettled.Add($"{status.Id}: cannot plan at the new time ({status.Seen})");
            }
            waiting = waiting.Where((_, i) => !statuses[i].Planned && !statuses[i].Unsettled).ToList();
            if (waiting.Count > 0)
                await Task.Delay(100, cancellationToken);
        }
        unsettled.AddRange(waiting.Select(id => $"{id}: did not plan at the new time within 30 s ({lastSeen.GetValueOrDefault(id, "never read")})"));
        return new ClockMoved(now, instances.Count, unsettled.Count == 0, unsettled);
    }

    private static Task WakeAsync(DurableTaskClient client, IEnumerable<string> instances, CancellationToken cancellationToken) =>
        Task.WhenAll(instances.Select(id => client.RaiseEventAsync(id, Workflow.ClockAdvanced, cancellation: cancellationToken)));
}
