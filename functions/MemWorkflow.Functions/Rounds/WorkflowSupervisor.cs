using System.Diagnostics;
using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Rounds;

/// <summary>What one supervision pass found and did: the rounds it read, the workflows it looked at, and
/// the instance ids it started again.</summary>
public sealed record SupervisionPass(int Rounds, int Workflows, IReadOnlyList<string> Started, TimeSpan Took)
{
    /// <summary>Instances found running but stuck (<see cref="StuckWorkflows"/>), terminated to be started again.</summary>
    public IReadOnlyList<string> Stuck { get; init; } = [];

    /// <summary>Stuck instances whose termination never landed (wedged): their rows deleted, and each started again.</summary>
    public IReadOnlyList<string> Reset { get; init; } = [];
}

/// <summary>Keeps every live evaluation and round with a running workflow. The aggregates are the truth;
/// a workflow only keeps time for one, so an instance that is missing (its rows deleted), completed,
/// failed or terminated while its evaluation still needs it is simply started again. Rounds are found
/// through the round index, each round's evaluations and pending emails in its own partition, and its
/// instances with one id-prefix query: never a scan. Idempotent: a pass over healthy rounds starts nothing.
/// Each pass also reports the open incidents and the overdue evaluations per stage to the app's metrics.</summary>
public sealed class WorkflowSupervisor(
    RoundQueries queries, IncidentStore incidents, WorkflowFailures failures, MemMetrics metrics, TimeProvider clock, IOptions<WorkflowOptions> options,
    IOptions<EmailOptions> email, ILogger<WorkflowSupervisor> logger)
{
    /// <summary>One pass over every round that is not closed, and every round closed so recently that an email
    /// of it may still be retried.</summary>
    /// <param name="listed">Every round, when the caller has just read them.</param>
    public async Task<SupervisionPass> RunAsync(DurableTaskClient client, CancellationToken cancellationToken, IReadOnlyList<RoundState>? listed = null)
    {
        var took = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        var rounds = (listed ?? await queries.ListAsync(cancellationToken)).Where(r => Supervised(r, now, email.Value.RetryFor)).ToList();
        var acted = new Acted();
        var workflows = 0;
        var overdue = OverdueCensus.Empty();
        foreach (var round in rounds)
            workflows += await EnsureAsync(client, round, overdue, acted, cancellationToken);
        if (acted.Started.Count > 0)
            logger.LogWarning("Supervisor started {Count} workflows again: {Instances}", acted.Started.Count, string.Join(", ", acted.Started));
        metrics.ReportOverdue(overdue);
        await incidents.ReportAsync(cancellationToken);
        return new SupervisionPass(rounds.Count, workflows, acted.Started, took.Elapsed) { Stuck = acted.Stuck, Reset = acted.Reset };
    }

    /// <summary>The round's own workflow asks this on each wake-up: its evaluations' workflows are made to
    /// run, and it learns whether the round can close.</summary>
    public async Task<RoundProgress> SuperviseRoundAsync(DurableTaskClient client, string roundId, CancellationToken cancellationToken)
    {
        var round = await queries.GetAsync(roundId, cancellationToken);
        if (round is null)
            return new RoundProgress(false, false, false, options.Value.Heartbeat);
        if (round.Status == RoundStatus.Closed)
            return new RoundProgress(true, true, true, options.Value.Heartbeat);
        var (_, allFinal) = await EnsureEvaluationsAsync(client, round, await InstancesAsync(client, roundId, cancellationToken), null, new Acted(), cancellationToken);
        return new RoundProgress(true, false, allFinal, options.Value.Heartbeat);
    }

    /// <summary>A round is supervised until it closes, and then while an email of its last days may still be
    /// retried (and a day more): an evaluation workflow that ended with an email owed is started again.</summary>
    public static bool Supervised(RoundState round, DateTimeOffset now, TimeSpan emailRetryFor) =>
        round.Status != RoundStatus.Closed || round.ClosedAt is { } closed && now - closed <= emailRetryFor + TimeSpan.FromDays(1);

    /// <summary>What a pass did, by instance id.</summary>
    private sealed class Acted
    {
        public List<string> Started { get; } = [];
        public List<string> Stuck { get; } = [];
        public List<string> Reset { get; } = [];

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<IReadOnlySet<string>>> recorded = new(StringComparer.Ordinal);

        /// <summary>Read once per round and pass.</summary>
        public Task<IReadOnlySet<string>> RecordedStreamsAsync(WorkflowFailures failures, string roundId, CancellationToken cancellationToken) =>
            recorded.GetOrAdd(roundId, id => failures.RecordedStreamsAsync(id, cancellationToken));
    }

    /// <summary>Keeps the round's workflows running; answers how many it looked at.</summary>
    private async Task<int> EnsureAsync(DurableTaskClient client, RoundState round, Dictionary<string, int> overdue, Acted acted, CancellationToken cancellationToken)
    {
        var instances = await InstancesAsync(client, round.RoundId, cancellationToken);
        var (looked, _) = await EnsureEvaluationsAsync(client, round, instances, overdue, acted, cancellationToken);
        if (round.Status == RoundStatus.Closed)
            return looked + 1;
        var id = Workflow.RoundInstance(round.RoundId);
        var known = instances.GetValueOrDefault(id);
        await KeepRunningAsync(client, known, round.RoundId, Workflow.RoundStream, id, acted,
            current => WorkflowStarter.EnsureRoundAsync(client, round.RoundId, current, cancellationToken), cancellationToken);
        return looked + 1;
    }

    /// <summary>Terminates a stuck instance (started again on the next pass), deletes a wedged one and starts it
    /// again, or starts one that ended. A workflow started again begins with no failure behind it: a failure its
    /// predecessor recorded is closed (the new one records its own if its step fails too), so no incident outlives
    /// its workflow.</summary>
    private async Task KeepRunningAsync(DurableTaskClient client, OrchestrationMetadata? known, string roundId, string stream, string instanceId,
        Acted acted, Func<OrchestrationMetadata?, Task<bool>> start, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (StuckWorkflows.IsWedged(known, now, options.Value))
        {
            await StuckWorkflows.ResetAsync(client, known!, logger, cancellationToken);
            acted.Reset.Add(instanceId);
            known = null;
        }
        else if (StuckWorkflows.IsStuck(known, now, options.Value))
        {
            await StuckWorkflows.TerminateAsync(client, known!, logger, cancellationToken);
            acted.Stuck.Add(instanceId);
            return;
        }
        if (!WorkflowStarter.IsLive(known) && await start(known))
        {
            acted.Started.Add(instanceId);
            if ((await acted.RecordedStreamsAsync(failures, roundId, cancellationToken)).Contains(stream))
                await failures.RecoveredAsync(roundId, stream, cancellationToken);
        }
    }

    /// <summary>Keeps the round's evaluation workflows running: how many it looked at, and whether every evaluation is final.</summary>
    private async Task<(int Looked, bool AllFinal)> EnsureEvaluationsAsync(
        DurableTaskClient client, RoundState round, IReadOnlyDictionary<string, OrchestrationMetadata> instances, Dictionary<string, int>? overdue,
        Acted acted, CancellationToken cancellationToken)
    {
        var evaluations = await queries.EvaluationsAsync(round.RoundId, cancellationToken);
        if (overdue is not null && round.Status == RoundStatus.Open)
            OverdueCensus.Tally(overdue, evaluations.Values, clock.GetUtcNow());
        var emailsOwed = await queries.StreamsWithEmailDueAsync(round.RoundId, DateTimeOffset.MaxValue, cancellationToken);
        var looked = 0;
        foreach (var country in round.Settings.Countries)
        {
            evaluations.TryGetValue(country.MemberState, out var evaluation);
            if (!NeedsWorkflow(round, evaluation, emailsOwed.Contains(country.MemberState)))
                continue;
            looked++;
            var id = Workflow.EvaluationInstance(round.RoundId, country.MemberState);
            var known = instances.GetValueOrDefault(id);
            await KeepRunningAsync(client, known, round.RoundId, country.MemberState, id, acted,
                current => WorkflowStarter.EnsureEvaluationAsync(client, round.RoundId, country.MemberState, current, cancellationToken), cancellationToken);
        }
        var allFinal = round.Settings.Countries.All(c => evaluations.TryGetValue(c.MemberState, out var e) && Stages.IsFinal(e.Stage));
        return (looked, allFinal);
    }

    /// <summary>The round's instances (its own and its evaluations'), read with one id-prefix query.</summary>
    private static async Task<IReadOnlyDictionary<string, OrchestrationMetadata>> InstancesAsync(DurableTaskClient client, string roundId, CancellationToken cancellationToken)
    {
        var instances = new Dictionary<string, OrchestrationMetadata>(StringComparer.Ordinal);
        // With inputs and outputs: the custom status tells a failing workflow (which may pause longer) from a stuck one.
        var query = new OrchestrationQuery { InstanceIdPrefix = roundId, PageSize = 100, FetchInputsAndOutputs = true };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
            if (instance.InstanceId == roundId || instance.InstanceId.StartsWith(roundId + ".", StringComparison.Ordinal))
                instances[instance.InstanceId] = instance;
        return instances;
    }

    /// <summary>An evaluation needs its workflow while it is not final (or not issued yet in an open round),
    /// while an email of it is owed, or while an upload is still reserved.</summary>
    public static bool NeedsWorkflow(RoundState round, EvaluationState? evaluation, bool emailOwed) =>
        emailOwed || evaluation switch
        {
            null => round.Status == RoundStatus.Open,
            _ when !Stages.IsFinal(evaluation.Stage) => true,
            _ => evaluation.Documents.Values.Any(d => d.Status == DocumentStatus.Reserved),
        };
}
