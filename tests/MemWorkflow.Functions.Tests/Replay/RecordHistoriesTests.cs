using System.Net;
using Azure.Core.Pipeline;
using DurableTask.Core.History;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.Functions.Tests.Workflows;
using MemWorkflow.LocalHost.Durable;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

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

/// <summary>Records every generation shape of today's orchestrators (<see cref="Workflow.Version"/>) from a real
/// run (local host, Azurite, SendGrid mode against the fake, a storage fault injected in process), and writes them
/// under Replay/Histories/{version}/ in the source tree. Older versions' folders are left as they are: today's
/// app starts no instance on an older version, so their shapes can no longer be recorded, only replayed.</summary>
public sealed class RecordHistoriesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [RecordingFact]
    public async Task RecordHistories_OfEveryGenerationShape_FromARealRound()
    {
        var recorder = new EpisodeRecorder();
        var fault = new StorageFault("state|MEX");
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
            ["Mem:Email:Timeout"] = "00:00:10",
        }, services => services.AddSingleton<IOrchestrationEpisodeObserver>(recorder).AddSingleton<HttpPipelinePolicy>(fault));

        // Mexico's NCE cannot be emailed at first: its workflow retries on a timer while Jamaica's just waits.
        refused = "nce.mex.";
        var round = await RoundDriver.StartAsync(app, "MEX", "JAM");
        var mex = Workflow.EvaluationInstance(round.RoundId, "MEX");
        var jam = Workflow.EvaluationInstance(round.RoundId, "JAM");
        await recorder.WaitForAsync(e => e.InstanceId == mex && e.Inputs.OfType<TimerFiredEvent>().Any() && e.EndsIn<ContinueAsNewEvent>(), Patience);
        refused = "";
        await app.AdvanceClockAsync("PT1M");

        // Then storage refuses Mexico's evaluation row: its step fails after the activity's retries, is recorded,
        // and the workflow pauses; the clock wakes the pause (it fails again), and once storage answers, it recovers.
        fault.Enabled = true;
        await MoveClockAsync(app, "PT1M");
        await recorder.WaitForAsync(e => e.InstanceId == mex && e.Calls(nameof(WorkflowActivities.RecordStepFailure)) && e.Actions is [TimerCreatedEvent], Patience);
        fault.Enabled = false;
        await MoveClockAsync(app, "PT1M");
        await recorder.WaitForAsync(e => e.InstanceId == mex && e.Actions is [TaskScheduledEvent { Name: nameof(WorkflowActivities.RecordStepRecovered) }], Patience);
        await app.SettleAsync(round.RoundId, Patience);

        // Jamaica's NCE submits (the doorbell), then both reports are published: each evaluation's workflow tells
        // the round's, which closes the round.
        await RoundDriver.SubmitAsync(app, round, "JAM");
        await RoundDriver.SubmitAsync(app, round, "MEX");
        await RoundDriver.PublishAsync(app, round, "MEX", "JAM");
        await recorder.WaitForAsync(e => e.InstanceId == round.RoundId && e.EndsIn<ExecutionCompletedEvent>(), Patience);

        var episodes = recorder.Episodes.ToList();
        Assert.All(episodes, e => Assert.Equal(Workflow.Version, e.Version));
        var shapes = CurrentShapes.Select(episodes, round.RoundId, mex, jam);
        Assert.Equal(CurrentShapes.Names, shapes.Select(s => s.Name));

        var folder = Directory.CreateDirectory(Path.Combine(HistoryFile.SourceFolder, Workflow.Version)).FullName;
        foreach (var stale in Directory.EnumerateFiles(folder, "*.json"))
            File.Delete(stale);
        foreach (var shape in shapes)
        {
            var recorded = new RecordedHistory(shape.Episode.Orchestrator, Workflow.Version, shape.Name, shape.Description, shape.Episode.History);
            var written = WithoutStackTraces(HistoryFile.Write(recorded));
            Assert.Null(await ReplayAsync(written));
            await File.WriteAllTextAsync(Path.Combine(folder, shape.Name + ".json"), written);
        }
    }

    /// <summary>Moves the manual clock without asking for it to settle: a workflow whose step fails never does.</summary>
    private static async Task MoveClockAsync(MemApp app, string duration) =>
        await (await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = duration })).JsonAsync(HttpStatusCode.OK);

    /// <summary>A failed activity's stack trace names the recording machine's source paths and runs to kilobytes;
    /// no orchestrator reads it (a failure's type and message are kept), so it is not checked in.</summary>
    private static string WithoutStackTraces(string written)
    {
        var root = JObject.Parse(written);
        foreach (var trace in root.Descendants().OfType<JProperty>().Where(p => p.Name == "StackTrace").ToList())
            trace.Value = JValue.CreateNull();
        return root.ToString(Formatting.Indented) + "\n";
    }

    private static async Task<string?> ReplayAsync(string written)
    {
        using var replayer = HistoryReplayer.ForTodaysCode();
        return await replayer.ReplayAsync(HistoryFile.Read(written).Events);
    }
}
