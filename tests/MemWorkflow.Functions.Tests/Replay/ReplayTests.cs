using System.Diagnostics;
using MemWorkflow.Functions.Rounds;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>Every recorded history replays against today's orchestrators (see <see cref="HistoryReplayer"/>):
/// a change that would break an instance in flight fails here, not in a running round.</summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    private static readonly string[] Shapes =
    [
        "evaluation-advancing", "evaluation-issued", "evaluation-email-retry", "evaluation-timer-fired", "evaluation-clock-advanced",
        "evaluation-doorbell", "evaluation-after-doorbell", "evaluation-final", "round-waiting", "round-completed",
    ];

    [Fact]
    public async Task EveryRecordedHistory_ReplaysAgainstTodaysOrchestrators_WithTheActionsItRecorded()
    {
        var histories = HistoryFile.ReadAll(HistoryFile.OutputFolder);
        // The 1.0 set must stay complete: a deleted file would silently stop protecting its shape.
        Assert.Equal(Shapes.Order(), histories.Where(h => h.History.Version == "1.0").Select(h => h.History.Shape).Order());

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
        using var replayer = HistoryReplayer.ForTodaysCode(registry =>
            registry.ReplaceOrchestratorMethod(EvaluationOrchestrator.Name, typeof(ChangedOrchestrators).GetMethod(nameof(ChangedOrchestrators.CallsAnotherActivity))!));
        foreach (var (_, history) in HistoryFile.ReadAll(HistoryFile.OutputFolder).Where(h => h.History.Orchestrator == EvaluationOrchestrator.Name))
        {
            var difference = await replayer.ReplayAsync(history.Events);
            output.WriteLine($"{history.Shape}: {difference}");
            Assert.NotNull(difference);
        }
    }

    [Fact]
    public async Task AnEvaluationOrchestratorThatNoLongerHearsTheDoorbell_IsReportedAsBreakingTheDoorbellHistory()
    {
        using var replayer = HistoryReplayer.ForTodaysCode(registry =>
            registry.ReplaceOrchestratorMethod(EvaluationOrchestrator.Name, typeof(ChangedOrchestrators).GetMethod(nameof(ChangedOrchestrators.IgnoresTheDoorbell))!));
        var doorbell = HistoryFile.ReadAll(HistoryFile.OutputFolder).Single(h => h.History.Version == "1.0" && h.History.Shape == "evaluation-doorbell").History;
        var difference = await replayer.ReplayAsync(doorbell.Events);
        output.WriteLine(difference);
        Assert.Contains("continue as new", difference);
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

    // Today's shape, except that only the timer ends a generation: a doorbell waiting in history is never heard.
    public static async Task IgnoresTheDoorbell([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<EvaluationInput>()!;
        var step = await context.CallActivityAsync<EvaluationStep>(nameof(WorkflowActivities.AdvanceEvaluation), input, WorkflowActivities.Retry);
        if (step.Done)
            return;
        await context.CreateTimer(step.Heartbeat, CancellationToken.None);
        context.ContinueAsNew(input);
    }
}
