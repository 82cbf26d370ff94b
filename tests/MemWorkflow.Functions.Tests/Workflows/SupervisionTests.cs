using System.Net;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Tests.Workflows;

/// <summary>Every live evaluation always has a live workflow: whatever ended it (a termination, its rows
/// deleted from the Durable tables, the app down), the supervisor, the doorbell or a repeated request
/// starts it again, and the round goes on.</summary>
public sealed class SupervisionTests
{
    private static readonly Dictionary<string, string?> NoTimers = new() { ["Mem:LocalHost:Timers"] = "off" };

    [Fact]
    public async Task Supervisor_StartsAgainEveryWorkflowTerminatedOrDeleted_OnceOnly_AndTheRoundGoesOn()
    {
        await using var app = await MemApp.StartAsync(NoTimers);
        foreach (var state in new[] { "MEX", "COL", "PER" })
            await app.RegisterAsync("nce", state);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL", "PER" } });
        var client = app.Service<DurableTaskClient>();

        await client.TerminateInstanceAsync($"{roundId}.MEX");
        await client.TerminateInstanceAsync($"{roundId}.COL");
        await client.TerminateInstanceAsync(roundId);
        await WaitForAsync(client, $"{roundId}.COL", OrchestrationRuntimeStatus.Terminated);
        await WaitForAsync(client, roundId, OrchestrationRuntimeStatus.Terminated);
        await client.PurgeInstanceAsync($"{roundId}.COL");
        Assert.Null(await client.GetInstanceAsync($"{roundId}.COL"));
        await WaitForAsync(client, $"{roundId}.MEX", OrchestrationRuntimeStatus.Terminated);

        var pass = await (await app.Admin().PostAsync("/api/workflows/supervision", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([roundId, $"{roundId}.COL", $"{roundId}.MEX"], pass["started"]!.AsArray().Select(s => s.Str()).Order());
        var again = await (await app.Admin().PostAsync("/api/workflows/supervision", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(again["started"]!.AsArray());

        var workflow = await app.SettleAsync(roundId);
        Assert.All(workflow["evaluations"]!.AsArray(), e => Assert.Equal("Running", e!["runtimeStatus"].Str()));
        await WaitForAsync(client, roundId, OrchestrationRuntimeStatus.Running);
        // Each questionnaire was issued once, before; 80 days on, every NCE is reminded.
        await app.AdvanceClockAsync("P80D");
        var mail = await app.MailAsync(roundId);
        Assert.Equal(3, mail.Count(m => m!["category"].Str() == "questionnaireIssued"));
        Assert.Equal(["COL", "MEX", "PER"], mail.Where(m => m!["category"].Str() == "reminder").Select(m => m!["memberState"].Str()).Order());
        await (await app.Client().PostAsync("/api/workflows/supervision", null)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheDoorbell_AimedAtAnEndedWorkflow_StartsItAgain_InsteadOfDroppingTheNews()
    {
        await using var app = await MemApp.StartAsync(NoTimers);
        await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        var client = app.Service<DurableTaskClient>();
        await client.TerminateInstanceAsync($"{roundId}.MEX");
        await WaitForAsync(client, $"{roundId}.MEX", OrchestrationRuntimeStatus.Terminated);

        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/extension",
            new { due = MemApp.Epoch.AddDays(120), reason = "Ministry reorganisation" })).JsonAsync(HttpStatusCode.OK);

        var workflow = await app.SettleAsync(roundId);
        Assert.Equal("Running", workflow["evaluations"]![0]!["runtimeStatus"].Str());
        // The new deadline was planned from: the extension's email went out.
        Assert.Single(await app.MailAsync(roundId), m => m!["category"].Str() == "deadlineExtended");
    }

    [Fact]
    public async Task ARoundStart_RepeatedWithItsIdempotencyKey_AfterItsWorkflowEnded_StartsTheWorkflowAgain()
    {
        await using var app = await MemApp.StartAsync(NoTimers);
        await app.RegisterAsync("nce", "MEX");
        async Task<JsonNode> StartAsync()
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/rounds")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } }),
            };
            message.Headers.Add("Idempotency-Key", "restart-after-end");
            return await (await app.Admin().SendAsync(message)).JsonAsync(HttpStatusCode.Created);
        }
        var roundId = (await StartAsync())["roundId"].Str();
        await app.SettleAsync(roundId);
        var client = app.Service<DurableTaskClient>();
        await client.TerminateInstanceAsync(roundId);
        await WaitForAsync(client, roundId, OrchestrationRuntimeStatus.Terminated);

        Assert.Equal(roundId, (await StartAsync())["roundId"].Str());
        await WaitForAsync(client, roundId, OrchestrationRuntimeStatus.Running);
    }

    [Fact]
    public async Task AtStart_TheSupervisorPass_StartsAgainWhatEndedWhileTheAppWasDown()
    {
        var prefix = "s" + Guid.NewGuid().ToString("N")[..10];
        var shared = new Dictionary<string, string?>
        {
            ["Mem:Storage:TablePrefix"] = prefix,
            ["Mem:Storage:ContainerPrefix"] = prefix,
            ["MemTaskHub"] = prefix + "hub",
        };
        string roundId;
        await using (var first = await MemApp.StartAsync(new Dictionary<string, string?>(shared) { ["Mem:LocalHost:Timers"] = "off" }))
        {
            await first.RegisterAsync("nce", "MEX");
            roundId = await first.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
            var client = first.Service<DurableTaskClient>();
            await client.TerminateInstanceAsync($"{roundId}.MEX");
            await WaitForAsync(client, $"{roundId}.MEX", OrchestrationRuntimeStatus.Terminated);
        }

        await using var second = await MemApp.StartAsync(new Dictionary<string, string?>(shared) { ["Mem:LocalHost:Timers"] = "on" });
        await WaitForAsync(second.Service<DurableTaskClient>(), $"{roundId}.MEX", OrchestrationRuntimeStatus.Running);
    }

    [Fact]
    public async Task AClosedRound_WhoseLastEmailIsStillOwed_HasItsEvaluationWorkflowStartedAgain_UntilTheRetryPeriodIsOver()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (_, body) => body["categories"]![1]!.GetValue<string>() == "published" ? new FakeAnswer(500) : FakeAnswer.Accepted;
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?>(NoTimers)
        {
            ["Mem:Email:Mode"] = "sendgrid", ["Mem:Email:SendGridHost"] = fake.Address.ToString(), ["Mem:Email:SendGridApiKey"] = "test-key-not-a-secret",
            ["Mem:Email:From"] = "mem@oas.org", ["Mem:Email:BaseDelay"] = "00:00:02", ["Mem:Email:Timeout"] = "00:00:10",
        });
        var round = await Replay.RoundDriver.StartAsync(app, "JAM");
        await app.SettleAsync(round.RoundId);
        await Replay.RoundDriver.SubmitAsync(app, round, "JAM");
        await Replay.RoundDriver.PublishAsync(app, round, "JAM");
        Assert.Equal("closed", (await (await app.Admin().GetAsync($"/api/rounds/{round.RoundId}")).JsonAsync(HttpStatusCode.OK))["status"].Str());

        // The report's announcement is refused; meanwhile its workflow is ended: the supervisor still looks at the
        // closed round and starts it again, and the announcement goes out once the provider takes it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!fake.Requests.Any(r => r["categories"]![1]!.GetValue<string>() == "published"))
        {
            Assert.True(DateTime.UtcNow < deadline, "The publication's email was never tried.");
            await Task.Delay(100);
        }
        var client = app.Service<DurableTaskClient>();
        await client.TerminateInstanceAsync($"{round.RoundId}.JAM");
        await WaitForAsync(client, $"{round.RoundId}.JAM", OrchestrationRuntimeStatus.Terminated);
        fake.Behaviour = (_, _) => FakeAnswer.Accepted;
        var pass = await (await app.Admin().PostAsync("/api/workflows/supervision", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([$"{round.RoundId}.JAM"], pass["started"]!.AsArray().Select(s => s.Str()));
        // The retry falls due in app time.
        await app.AdvanceClockAsync("PT10M");
        await WaitForAsync(client, $"{round.RoundId}.JAM", OrchestrationRuntimeStatus.Completed, TimeSpan.FromSeconds(60));
        Assert.Contains(fake.Delivered, d => d["categories"]![1]!.GetValue<string>() == "published");
        Assert.Empty((await (await app.Admin().PostAsync("/api/workflows/supervision", null)).JsonAsync(HttpStatusCode.OK))["started"]!.AsArray());

        // Past the email retry period (72 hours) and a day, a closed round is no longer read at all.
        Assert.Equal(1, pass["rounds"]!.GetValue<int>());
        await app.AdvanceClockAsync("P5D");
        Assert.Equal(0, (await (await app.Admin().PostAsync("/api/workflows/supervision", null)).JsonAsync(HttpStatusCode.OK))["rounds"]!.GetValue<int>());
    }

    [Fact]
    public async Task AWorkflowWhoseHistoryWasDeletedUnderIt_ShowsRunningButIsStuck_IsTerminatedAndStartedAgain_AndTheRoundGoesOn()
    {
        // A generation sleeps at most the heartbeat (here 20 s); quiet for 5 s more, it is stuck. The history goes
        // while the generation sleeps: deleted under a checkpoint, the engine may instead end the instance (then
        // the supervisor simply starts it again), which is not what this test is about.
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?>(NoTimers)
        {
            ["Mem:Workflow:Heartbeat"] = "00:00:20", ["Mem:Workflow:StuckAfter"] = "00:00:05",
        });
        foreach (var state in new[] { "MEX", "COL" })
            await app.RegisterAsync("nce", state);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        await app.SettleAsync(roundId);
        var client = app.Service<DurableTaskClient>();

        // MEX's history rows go; its instance row still says Running, and nothing it is sent is heard any more.
        var history = app.Table("hubHistory");
        await foreach (var row in history.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq '{roundId}.MEX'", select: ["PartitionKey", "RowKey"]))
            await history.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonNode pass;
        while (true)
        {
            pass = await (await app.Admin().PostAsync("/api/workflows/supervision", null)).JsonAsync(HttpStatusCode.OK);
            if (pass["stuck"]!.AsArray().Count > 0)
                break;
            Assert.Empty(pass["started"]!.AsArray());
            Assert.True(DateTime.UtcNow < deadline, "The stuck workflow was never found.");
            await Task.Delay(500);
        }
        Assert.Equal([$"{roundId}.MEX"], pass["stuck"]!.AsArray().Select(s => s.Str()));
        await WaitForAsync(client, $"{roundId}.MEX", OrchestrationRuntimeStatus.Terminated);
        var again = await (await app.Admin().PostAsync("/api/workflows/supervision", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([$"{roundId}.MEX"], again["started"]!.AsArray().Select(s => s.Str()));

        // Started again from the aggregate, it keeps time: 80 days on, both NCEs are reminded, once each.
        await app.SettleAsync(roundId);
        await app.AdvanceClockAsync("P80D");
        var mail = await app.MailAsync(roundId);
        Assert.Equal(["COL", "MEX"], mail.Where(m => m!["category"].Str() == "reminder").Select(m => m!["memberState"].Str()).Order());
        Assert.Equal(2, mail.Count(m => m!["category"].Str() == "questionnaireIssued"));
    }

    [Fact]
    public async Task AWorkflowWhoseTerminationNeverLands_IsWedged_ItsRowsAreDeleted_AndItIsStartedAgain()
    {
        // A generation sleeps at most the heartbeat (5 s); quiet for 2 s more it is stuck and sent a termination; still
        // quiet 2 s after that, the termination was not heard: wedged. The engine stops hearing the instance here because
        // the Durable worker is stopped (in the chaos suite it was an instance whose history the engine no longer found).
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?>(NoTimers)
        {
            ["Mem:Workflow:Heartbeat"] = "00:00:05", ["Mem:Workflow:StuckAfter"] = "00:00:02",
        });
        await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        await app.SettleAsync(roundId);
        var client = app.Service<DurableTaskClient>();
        var worker = app.Service<MemWorkflow.LocalHost.Durable.LocalDurableWorker>();
        await worker.StopAsync(CancellationToken.None);

        var passes = new List<string>();
        var mex = $"{roundId}.MEX";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!passes.Any(p => p.Contains($"reset {mex}", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The wedged workflow was never reset: {string.Join(" | ", passes)}");
            var pass = await (await app.Admin().PostAsync("/api/workflows/supervision", null)).JsonAsync(HttpStatusCode.OK);
            passes.Add(string.Join("; ", new[] { "stuck", "reset", "started" }.SelectMany(what => pass[what]!.AsArray().Select(s => $"{what} {s.Str()}"))));
            await Task.Delay(500);
        }
        // Terminated first (which nothing heard), then deleted and started again in the same pass.
        Assert.Contains(passes.SkipLast(1), p => p.Contains($"stuck {mex}", StringComparison.Ordinal));
        Assert.Contains($"started {mex}", passes[^1]);

        // The engine back, the new instance runs and keeps time: the round goes on.
        await worker.StartAsync(CancellationToken.None);
        async Task<bool> CaughtUpAsync() =>
            (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/workflow")).JsonAsync(HttpStatusCode.OK))["evaluations"]![0]!["caughtUp"]!.GetValue<bool>();
        deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await CaughtUpAsync())
        {
            Assert.True(DateTime.UtcNow < deadline, "The workflow started again never caught up.");
            // A termination sent while it was wedged may still reach the new instance: the supervisor starts it again.
            await app.Admin().PostAsync("/api/workflows/supervision", null);
            await Task.Delay(500);
        }
        await app.AdvanceClockAsync("P80D");
        var mail = await app.MailAsync(roundId);
        Assert.Single(mail, m => m!["category"].Str() == "reminder");
        Assert.Single(mail, m => m!["category"].Str() == "questionnaireIssued");
    }

    [Fact]
    public void AFailingStep_PausesLongerEachTime_UpToAnHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), StepFailures.Pause(1));
        Assert.Equal(TimeSpan.FromMinutes(1), StepFailures.Pause(2));
        Assert.Equal(TimeSpan.FromMinutes(4), StepFailures.Pause(4));
        Assert.Equal(TimeSpan.FromHours(1), StepFailures.Pause(8));
        Assert.Equal(TimeSpan.FromHours(1), StepFailures.Pause(10_000));
    }

    internal static async Task<OrchestrationMetadata> WaitForAsync(DurableTaskClient client, string instanceId, OrchestrationRuntimeStatus status, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId);
            if (instance?.RuntimeStatus == status)
                return instance;
            Assert.True(DateTime.UtcNow < deadline, $"{instanceId} is {instance?.RuntimeStatus.ToString() ?? "missing"}, not {status}.");
            await Task.Delay(100);
        }
    }
}
