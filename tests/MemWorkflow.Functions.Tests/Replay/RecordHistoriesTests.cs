using DurableTask.Core.History;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.LocalHost.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>Runs only when MEM_RECORD_HISTORIES=1.</summary>
public sealed class RecordingFactAttribute : FactAttribute
{
    public RecordingFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("MEM_RECORD_HISTORIES") != "1")
            Skip = "Re-records Replay/Histories: MEM_RECORD_HISTORIES=1 dotnet test tests/MemWorkflow.Functions.Tests --filter FullyQualifiedName~RecordHistories";
    }
}

/// <summary>Records every generation shape of the orchestrators from a real run (local host, Azurite, SendGrid
/// mode against the fake), and writes them under Replay/Histories/{version}/ in the source tree.</summary>
public sealed class RecordHistoriesTests
{
    [RecordingFact]
    public async Task RecordHistories_OfEveryGenerationShape_FromARealRound()
    {
        var recorder = new EpisodeRecorder();
        await using var fake = await FakeSendGrid.StartAsync();
        var refused = "";
        fake.Behaviour = (_, body) => refused.Length > 0 && body.ToJsonString().Contains(refused, StringComparison.Ordinal) ? new FakeAnswer(500) : FakeAnswer.Accepted;
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?>
        {
            ["Mem:Email:Mode"] = "sendgrid",
            ["Mem:Email:SendGridHost"] = fake.Address.ToString(),
            ["Mem:Email:SendGridApiKey"] = "test-key-not-a-secret",
            ["Mem:Email:From"] = "mem@oas.org",
            ["Mem:Email:BaseDelay"] = "00:00:02",
            ["Mem:Email:Timeout"] = "00:00:01",
        }, services => services.AddSingleton<IOrchestrationEpisodeObserver>(recorder));

        // Mexico's NCE cannot be emailed at first: its workflow retries on a timer while Jamaica's just waits.
        refused = "nce.mex.";
        var round = await RoundDriver.StartAsync(app, "MEX", "JAM");
        var mex = Workflow.EvaluationInstance(round.RoundId, "MEX");
        var jam = Workflow.EvaluationInstance(round.RoundId, "JAM");
        await WaitForAsync(recorder, e => e.InstanceId == mex && e.Inputs.OfType<TimerFiredEvent>().Any() && EndsIn<ContinueAsNewEvent>(e));
        refused = "";
        await app.AdvanceClockAsync("PT1M");

        // Jamaica's NCE submits (the doorbell), then both reports are published and the round closes.
        await RoundDriver.SubmitAsync(app, round, "JAM");
        await RoundDriver.SubmitAsync(app, round, "MEX");
        await RoundDriver.PublishAsync(app, round, "MEX", "JAM");
        await WaitForAsync(recorder, e => e.InstanceId == round.RoundId && EndsIn<ExecutionCompletedEvent>(e));

        var episodes = recorder.Episodes.ToList();
        var shapes = new (string Shape, string Description, RecordedEpisode Episode)[]
        {
            ("evaluation-advancing", "A generation that has just asked the aggregate what is due (AdvanceEvaluation scheduled).",
                episodes.First(e => e.InstanceId == jam && e.Actions is [TaskScheduledEvent])),
            ("evaluation-issued", "The first generation: it issued the questionnaire and sleeps on its timer, the doorbell and the clock.",
                episodes.First(e => e.InstanceId == jam && e.Actions is [TimerCreatedEvent])),
            ("evaluation-email-retry", "Mid email retry: SendGrid refused (500), the activity answered a retry time and the generation sleeps until it.",
                episodes.First(e => e.InstanceId == mex && e.Actions is [TimerCreatedEvent] && e.Inputs.OfType<TaskCompletedEvent>().Any(c => c.Result.Contains("email delivery", StringComparison.Ordinal)))),
            ("evaluation-timer-fired", "The timer fired: the generation continues as new.",
                episodes.First(e => e.InstanceId == mex && e.Inputs.OfType<TimerFiredEvent>().Any() && EndsIn<ContinueAsNewEvent>(e))),
            ("evaluation-clock-advanced", "The manual clock moved (ClockAdvanced): the generation continues as new.",
                episodes.First(e => e.Inputs.OfType<EventRaisedEvent>().Any(r => r.Name == Workflow.ClockAdvanced) && EndsIn<ContinueAsNewEvent>(e))),
            ("evaluation-doorbell", "The doorbell rang (EvaluationChanged after a command on the evaluation): the generation continues as new.",
                episodes.First(e => e.InstanceId == jam && e.Inputs.OfType<EventRaisedEvent>().Any(r => r.Name == Workflow.EvaluationChanged) && EndsIn<ContinueAsNewEvent>(e))),
            ("evaluation-after-doorbell", "The generation after a doorbell: it planned from the evaluation as changed and sleeps on its timer.",
                AfterDoorbell(episodes, jam)),
            ("evaluation-final", "The generation that found the report published and its emails delivered, and completed.",
                episodes.First(e => e.InstanceId == jam && EndsIn<ExecutionCompletedEvent>(e))),
            ("round-waiting", "The round's generation that started one evaluation workflow per state and waits for them.",
                episodes.First(e => e.InstanceId == round.RoundId && e.Actions.OfType<SubOrchestrationInstanceCreatedEvent>().Count() == 2)),
            ("round-completed", "The round's generation after every evaluation completed: it closed the round and completed.",
                episodes.First(e => e.InstanceId == round.RoundId && EndsIn<ExecutionCompletedEvent>(e))),
        };

        foreach (var (shape, description, episode) in shapes)
        {
            var version = episode.History.OfType<ExecutionStartedEvent>().Single().Version;
            var folder = Directory.CreateDirectory(Path.Combine(HistoryFile.SourceFolder, version)).FullName;
            var recorded = new RecordedHistory(episode.Orchestrator, version, shape, description, episode.History);
            Assert.Null(await ReplayAsync(recorded));
            await File.WriteAllTextAsync(Path.Combine(folder, shape + ".json"), HistoryFile.Write(recorded));
        }
    }

    private static async Task<string?> ReplayAsync(RecordedHistory history)
    {
        using var replayer = HistoryReplayer.ForTodaysCode();
        return await replayer.ReplayAsync(HistoryFile.Read(HistoryFile.Write(history)).Events);
    }

    // ContinueAsNewEvent is an ExecutionCompletedEvent too: asking for the latter means a generation that ended for good.
    private static bool EndsIn<T>(RecordedEpisode episode) where T : HistoryEvent =>
        episode.Actions.LastOrDefault() is T last && (typeof(T) == typeof(ContinueAsNewEvent) || last is not ContinueAsNewEvent);

    private static RecordedEpisode AfterDoorbell(List<RecordedEpisode> episodes, string instance)
    {
        var rang = episodes.FindIndex(e => e.InstanceId == instance && e.Inputs.OfType<EventRaisedEvent>().Any(r => r.Name == Workflow.EvaluationChanged) && EndsIn<ContinueAsNewEvent>(e));
        return episodes.Skip(rang + 1).First(e => e.InstanceId == instance && e.Actions is [TimerCreatedEvent]);
    }

    private static async Task WaitForAsync(EpisodeRecorder recorder, Func<RecordedEpisode, bool> seen)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!recorder.Episodes.Any(seen))
        {
            Assert.True(DateTime.UtcNow < deadline, "The episode awaited was not recorded within 60 s.");
            await Task.Delay(100);
        }
    }
}
