using System.Diagnostics;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Rounds;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>Every recorded history replays against today's orchestrators (see <see cref="HistoryReplayer"/>):
/// a change that would break an instance in flight fails here, not in a running round.</summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    /// <summary>The shapes checked in per version. 1.0's are the previous release's in-flight shapes (no longer
    /// recordable); today's are what <see cref="RecordHistoriesTests"/> records.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Shapes = new Dictionary<string, IReadOnlyList<string>>
    {
        ["1.0"] =
        [
            "evaluation-advancing", "evaluation-issued", "evaluation-email-retry", "evaluation-timer-fired", "evaluation-clock-advanced",
            "evaluation-doorbell", "evaluation-after-doorbell", "evaluation-final", "round-waiting", "round-completed",
        ],
        [Workflow.Version] = CurrentShapes.Names,
    };

    [Theory]
    [InlineData("output")]
    [InlineData("source")]
    public void EveryVersionsSetOfHistories_IsComplete(string where)
    {
        // The build copies the checked-in files to the output and never deletes a stale copy there: the source tree
        // is read too, so a file deleted from it fails here without a clean build.
        var folder = where == "output" ? HistoryFile.OutputFolder : HistoryFile.SourceFolder;
        var histories = HistoryFile.ReadAll(folder);
        // A deleted file would silently stop protecting its shape; a version without histories protects nothing.
        Assert.Equal(Shapes.Keys.Order(StringComparer.Ordinal), histories.Select(h => h.History.Version).Distinct().Order(StringComparer.Ordinal));
        foreach (var (version, shapes) in Shapes)
            Assert.Equal(shapes.Order(StringComparer.Ordinal), histories.Where(h => h.History.Version == version).Select(h => h.History.Shape).Order(StringComparer.Ordinal));
        // Each file is named after its shape, in its version's folder.
        Assert.All(histories, h => Assert.Equal(Path.Combine(folder, h.History.Version, h.History.Shape + ".json"), h.Path));
    }

    [Fact]
    public async Task EveryRecordedHistory_ReplaysAgainstTodaysOrchestrators_WithTheActionsItRecorded()
    {
        var histories = HistoryFile.ReadAll(HistoryFile.OutputFolder);
        Assert.NotEmpty(histories);

        using var replayer = HistoryReplayer.ForTodaysCode();
        var clock = Stopwatch.StartNew();
        var broken = new List<string>();
        foreach (var (path, history) in histories)
            if (await replayer.ReplayAsync(history.Events) is { } difference)
                broken.Add($"{history.Version}/{history.Shape}: {difference}");
        var cold = clock.Elapsed;

        // Once more, warm (code already compiled), for the figure a larger set of histories would scale by.
        clock.Restart();
        foreach (var (_, history) in histories)
            await replayer.ReplayAsync(history.Events);
        var line = $"replayed {histories.Count} recorded histories ({histories.Sum(h => h.History.Events.Count)} events) in " +
            $"{cold.TotalMilliseconds:F0} ms (first pass, including JIT), {clock.Elapsed.TotalMilliseconds:F1} ms warm";
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "measurements.txt"), $"{DateTimeOffset.UtcNow:O} {line}\n");
        Assert.True(broken.Count == 0, "Today's orchestrators would break instances in flight:\n" + string.Join("\n", broken));
    }

    [Fact]
    public async Task AnEvaluationOrchestratorThatCallsAnotherActivity_IsReportedAsBreakingEveryEvaluationHistory()
    {
        var evaluations = Histories(h => h.Orchestrator == EvaluationOrchestrator.Name);
        Assert.Equal(Shapes.Keys.Order(StringComparer.Ordinal), evaluations.Select(h => h.Version).Distinct().Order(StringComparer.Ordinal));
        await AssertBreaksAsync(EvaluationOrchestrator.Name, nameof(ChangedOrchestrators.CallsAnotherActivity), evaluations);
    }

    [Fact]
    public async Task AnEvaluationOrchestratorThatNoLongerHearsTheDoorbell_IsReportedAsBreakingTheDoorbellHistories()
    {
        var doorbells = Histories(h => h.Shape == "evaluation-doorbell");
        Assert.Equal(["1.0", Workflow.Version], doorbells.Select(h => h.Version));
        await AssertBreaksAsync(EvaluationOrchestrator.Name, nameof(ChangedOrchestrators.IgnoresTheDoorbell), doorbells, "continue as new");
    }

    [Fact]
    public async Task ARoundOrchestratorThatNoLongerSupervises_IsReportedAsBreakingEveryCurrentRoundHistory()
    {
        var rounds = Histories(h => h.Orchestrator == RoundOrchestrator.Name && h.Version == Workflow.Version);
        Assert.Equal(4, rounds.Count);
        await AssertBreaksAsync(RoundOrchestrator.Name, nameof(ChangedOrchestrators.NoLongerSupervises), rounds);
    }

    [Fact]
    public async Task ARoundOrchestratorThatIgnoresEvaluationFinished_IsReportedAsBreakingTheEvaluationFinishedHistory()
    {
        var finished = Histories(h => h.Shape == "round-evaluation-finished");
        Assert.Equal([Workflow.Version], finished.Select(h => h.Version));
        await AssertBreaksAsync(RoundOrchestrator.Name, nameof(ChangedOrchestrators.IgnoresEvaluationFinished), finished, "continue as new");
    }

    private static List<RecordedHistory> Histories(Func<RecordedHistory, bool> which) =>
        HistoryFile.ReadAll(HistoryFile.OutputFolder).Select(h => h.History).Where(which).ToList();

    /// <summary>Each history replayed against <paramref name="orchestrator"/> replaced by the changed one is reported
    /// (and the report mentions <paramref name="mentioning"/>, when given).</summary>
    private async Task AssertBreaksAsync(string orchestrator, string changed, IReadOnlyList<RecordedHistory> histories, string? mentioning = null)
    {
        Assert.NotEmpty(histories);
        using var replayer = HistoryReplayer.ForTodaysCode(registry =>
            registry.ReplaceOrchestratorMethod(orchestrator, typeof(ChangedOrchestrators).GetMethod(changed)!));
        foreach (var history in histories)
        {
            var difference = await replayer.ReplayAsync(history.Events);
            output.WriteLine($"{history.Version}/{history.Shape}: {difference}");
            Assert.NotNull(difference);
            if (mentioning is not null)
                Assert.Contains(mentioning, difference);
        }
    }
}

/// <summary>Deliberately changed orchestrators, registered under the recorded name by the tests above.</summary>
public static class ChangedOrchestrators
{
    public static async Task CallsAnotherActivity([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<EvaluationInput>()!;
        await context.CallActivityAsync<EvaluationStep>("AdvanceEvaluationV2", input);
        context.ContinueAsNew(input);
    }

    // The evaluation's plain path, except that only the timer ends a generation: a doorbell waiting in history is never heard.
    public static async Task IgnoresTheDoorbell([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<EvaluationInput>()!;
        var step = await context.CallActivityAsync<EvaluationStep>(nameof(EvaluationActivities.AdvanceEvaluation), input, WorkflowActivities.Retry);
        if (step.Done)
            return;
        await context.CreateTimer(step.Heartbeat, CancellationToken.None);
        context.ContinueAsNew(input);
    }

    // The round's wait without asking first how the round stands (no SuperviseRound).
    public static async Task<string> NoLongerSupervises([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<RoundInput>()!;
        using var cancel = new CancellationTokenSource();
        var heartbeat = context.CreateTimer(TimeSpan.FromHours(6), cancel.Token);
        var finished = context.WaitForExternalEvent<string?>(Workflow.EvaluationFinished, cancel.Token);
        await Task.WhenAny(heartbeat, finished);
        cancel.Cancel();
        context.ContinueAsNew(new ContinueAsNewOptions { NewInput = input, PreserveUnprocessedEvents = true, NewVersion = Workflow.Version });
        return "continued";
    }

    // Today's round, except that only the heartbeat ends a generation: an EvaluationFinished is never heard.
    public static async Task<string> IgnoresEvaluationFinished([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<RoundInput>()!;
        var progress = await context.CallActivityAsync<RoundProgress>(nameof(WorkflowActivities.SuperviseRound), input.RoundId, WorkflowActivities.Retry);
        if (progress.Exists && progress.AllFinal)
            return await context.CallActivityAsync<string>(nameof(WorkflowActivities.CloseRound), input.RoundId, WorkflowActivities.Retry);
        if (!progress.Exists || progress.Closed)
            return "ended";
        await context.CreateTimer(progress.Heartbeat, CancellationToken.None);
        context.ContinueAsNew(new ContinueAsNewOptions { NewInput = input, PreserveUnprocessedEvents = true, NewVersion = Workflow.Version });
        return "continued";
    }
}
