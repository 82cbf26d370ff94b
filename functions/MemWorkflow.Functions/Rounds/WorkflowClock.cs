using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Shell;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

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
        await SettleAsync(client, rounds, "before the move", unsettled, cancellationToken);

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
        await SettleAsync(client, rounds, "at the new time", unsettled, cancellationToken);
        return new ClockMoved(now, instances.Count, unsettled.Count == 0, unsettled);
    }

    /// <summary>Waits, at most 30 s, until every workflow of the rounds is caught up as the workflow view judges it
    /// (<see cref="EvaluationWorkflowView.CaughtUp"/>), or cannot catch up: a workflow pausing after a failed step is not
    /// waited for (a client that needs it settled moves by zero again, which wakes it to try again), nor one that ended
    /// under a live evaluation (terminated, say: the next move's supervisor pass starts it again). Each workflow not caught
    /// up is added to <paramref name="unsettled"/> with what its status said.</summary>
    private async Task SettleAsync(DurableTaskClient client, IReadOnlyList<RoundState> rounds, string when, List<string> unsettled, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        foreach (var round in rounds)
        {
            while (true)
            {
                var views = (await probe.DescribeAsync(client, round, cancellationToken)).Evaluations;
                var given = views.All(e => e.CaughtUp || e.Failures > 0 || e.RuntimeStatus is "Terminated" or "Failed" or "NotStarted");
                if (given || DateTimeOffset.UtcNow > deadline)
                {
                    unsettled.AddRange(views.Where(e => !e.CaughtUp).Select(e => $"{e.InstanceId}: not caught up {when} ({e.RuntimeStatus}, "
                        + $"planned at {e.PlannedAt:O}, next wake-up {e.NextWakeUp:O}, {e.Failures} failures{(given ? "" : ", waited 30 s")})"));
                    break;
                }
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static Task WakeAsync(DurableTaskClient client, IEnumerable<string> instances, CancellationToken cancellationToken) =>
        Task.WhenAll(instances.Select(id => client.RaiseEventAsync(id, Workflow.ClockAdvanced, cancellation: cancellationToken)));
}
