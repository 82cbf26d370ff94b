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
