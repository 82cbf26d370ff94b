using System.Net;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Workflows;

/// <summary>A step that keeps failing (storage refusing one evaluation's row) is retried after a growing
/// pause, shown in the round's workflow view with its last error, opens one incident and one alert per
/// MEM Unit user once it has failed for an hour of app time, leaves health degraded while it lasts, and
/// closes when the step succeeds; the other evaluations never notice.</summary>
public sealed class FailingStepTests
{
    [Fact]
    public async Task AStepThatKeepsFailing_IsShown_BacksOff_RaisesOneIncidentAndOneAlert_AndRecovers()
    {
        var fault = new StorageFault("state|MEX");
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:LocalHost:Timers"] = "off" },
            services => services.AddSingleton<HttpPipelinePolicy>(fault));
        await app.RegisterAsync("nce", "MEX");
        await app.RegisterAsync("nce", "COL");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });

        fault.Enabled = true;
        await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT1M" });
        // The clock wakes every workflow twice (before and after it moves): two failed steps, then a pause.
        var mex = await FailuresAsync(app, roundId, atLeast: 2);
        Assert.Contains("Injected storage fault", mex["lastError"].Str());
        Assert.Equal(0, (await ViewAsync(app, roundId))["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == "COL")!["failures"]!.GetValue<int>());
        // It pauses (30 s, then a minute, and longer) instead of trying again at once.
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.Equal(2, (await FailuresAsync(app, roundId, atLeast: 2))["failures"]!.GetValue<int>());
        Assert.Equal("healthy", (await HealthAsync(app))["status"].Str());

        // An hour of app time later it still fails: one incident, one alert.
        await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT61M" });
        await FailuresAsync(app, roundId, atLeast: 3);
        var health = await WaitForHealthAsync(app, "degraded");
        Assert.Contains(health["reasons"]!.AsArray(), r => r.Str().Contains($"MEX in round {roundId}", StringComparison.Ordinal));
        await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT10M" });
        await FailuresAsync(app, roundId, atLeast: 5);
        var alerts = (await MailboxAsync(app, roundId)).Where(m => m!["category"].Str() == "workflowAlert").ToList();
        Assert.Single(alerts);
        Assert.Contains("MEX", alerts[0]!["memberState"].Str());

        fault.Enabled = false;
        await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT1M" });
        var workflow = await app.SettleAsync(roundId, TimeSpan.FromSeconds(90));
        Assert.All(workflow["evaluations"]!.AsArray(), e => Assert.Equal(0, e!["failures"]!.GetValue<int>()));
        Assert.Equal("healthy", (await WaitForHealthAsync(app, "healthy"))["status"].Str());
        Assert.True(fault.Refused >= 9, $"{fault.Refused} requests refused");
    }

    [Fact]
    public async Task AnActivityFaultArmedForTenMinutesOfAppTime_FailsOneStateStepsUntilTheClockPassesIt_ThenTheWorkflowRecovers()
    {
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:LocalHost:Timers"] = "off" });
        await app.RegisterAsync("nce", "MEX");
        await app.RegisterAsync("nce", "COL");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        await app.SettleAsync(roundId, TimeSpan.FromSeconds(60));

        // Refused, writing nothing: an activity that cannot be faulted, a member state that is not one, a bad duration.
        foreach (var (field, body) in new (string, object)[]
        {
            ("activity", new { activity = "SendEmail", @for = "PT10M" }), ("activity", new { @for = "PT10M" }),
            ("memberState", new { activity = "AdvanceEvaluation", memberState = "mex", @for = "PT10M" }),
            ("for", new { activity = "AdvanceEvaluation", @for = "ten minutes" }), ("for", new { activity = "AdvanceEvaluation", @for = "P31D" }),
        })
        {
            var problem = await (await app.Admin().PostJsonAsync("/api/dev/faults", body)).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]![field]);
        }
        await (await app.Client((await app.RegisterAsync("nce", "PER")).Token).PostJsonAsync("/api/dev/faults", new { activity = "AdvanceEvaluation", @for = "PT10M" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.True((await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT0S" })).IsSuccessStatusCode);
        Assert.Equal(0, (await FailuresAsync(app, roundId, atLeast: 0))["failures"]!.GetValue<int>());

        var fault = await (await app.Admin().PostJsonAsync("/api/dev/faults", new { activity = "AdvanceEvaluation", memberState = "MEX", @for = "PT10M" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(TimeSpan.FromMinutes(10), fault["until"]!.GetValue<DateTimeOffset>() - fault["from"]!.GetValue<DateTimeOffset>());
        var moved = await (await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT9M" })).JsonAsync(HttpStatusCode.OK);
        Assert.False(moved["settled"]!.GetValue<bool>());
        // The answer names the workflow that did not settle, and only that one.
        var unsettled = moved["unsettled"]!.AsArray().Select(u => u.Str()).ToList();
        Assert.NotEmpty(unsettled);
        Assert.All(unsettled, u => Assert.StartsWith($"{roundId}.MEX: ", u, StringComparison.Ordinal));
        Assert.Contains("Injected fault: AdvanceEvaluation fails until", (await FailuresAsync(app, roundId, atLeast: 2))["lastError"].Str());
        Assert.Equal(0, (await ViewAsync(app, roundId))["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == "COL")!["failures"]!.GetValue<int>());

        // Ten minutes of app time on, the step succeeds: the move settles, and nothing is left failing.
        moved = await (await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT1M" })).JsonAsync(HttpStatusCode.OK);
        for (var i = 0; i < 5 && !moved["settled"]!.GetValue<bool>(); i++)
            moved = await (await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT0S" })).JsonAsync(HttpStatusCode.OK);
        Assert.True(moved["settled"]!.GetValue<bool>(), moved.ToJsonString());
        Assert.Empty(moved["unsettled"]!.AsArray());
        var workflow = await app.SettleAsync(roundId, TimeSpan.FromSeconds(60));
        Assert.All(workflow["evaluations"]!.AsArray(), e => Assert.Equal(0, e!["failures"]!.GetValue<int>()));
    }

    private static async Task<JsonNode> ViewAsync(MemApp app, string roundId) =>
        await (await app.Admin().GetAsync($"/api/rounds/{roundId}/workflow")).JsonAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> FailuresAsync(MemApp app, string roundId, int atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var mex = (await ViewAsync(app, roundId))["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == "MEX")!;
            if (mex["failures"]!.GetValue<int>() >= atLeast)
                return mex;
            Assert.True(DateTime.UtcNow < deadline, $"MEX's workflow did not record {atLeast} failures: {mex.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    private static async Task<JsonNode> HealthAsync(MemApp app) =>
        await (await app.Admin().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> WaitForHealthAsync(MemApp app, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var health = await HealthAsync(app);
            if (health["status"].Str() == status)
                return health;
            Assert.True(DateTime.UtcNow < deadline, $"Health did not become {status}: {health.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    private static async Task<JsonArray> MailboxAsync(MemApp app, string roundId) =>
        (await (await app.Admin().GetAsync($"/api/dev/mail?roundId={roundId}")).JsonAsync(HttpStatusCode.OK)).AsArray();
}
