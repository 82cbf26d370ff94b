using System.Net;
using Azure.Core.Pipeline;
using MemWorkflow.Functions.Tests.Infrastructure;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Workflows;

/// <summary>A change to the round that an evaluation must act on (its reviewers committed) reaches the
/// evaluation through its workflow when the request that made it died half-way: the workflow is not
/// counted as caught up until it has planned from the round as stored, and a clock move waits for it,
/// so what the change owes is dated when it happened, not after the move.</summary>
public sealed class RoundChangeTests
{
    private static readonly Dictionary<string, string?> NoTimers = new() { ["Mem:LocalHost:Timers"] = "off" };

    [Fact]
    public async Task ReviewersCommittedByARequestThatDiedBeforeApplyingThem_AreNotCaughtUp_AndAreAppliedBeforeTheClockMoves()
    {
        var crash = new StorageCrash();
        await using var app = await MemApp.StartAsync(NoTimers, configureServices: s => s.AddSingleton<HttpPipelinePolicy>(crash));
        await app.RegisterAsync("nce", "MEX");
        foreach (var state in new[] { "COL", "PER" })
            await app.RegisterAsync("geg", state, name: $"Expert of {state}", languages: ["en", "es"], expertise: ["IS", "RIME", "IC"]);
        await app.RegisterAsync("consultant", "CAN", name: "Claire Tremblay", languages: ["en", "es"], expertise: ["IS", "RIME", "IC"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        await app.SettleAsync(roundId);
        var committedAt = (await app.AdvanceClockAsync("P10D"))["now"]!.GetValue<DateTimeOffset>();
        // A clock move wakes every workflow before and after it: the second wake-up is let through before the commitment.
        await app.SettleAsync(roundId);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var proposal = await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/assignments/proposals", new { seed = 7 })).JsonAsync(HttpStatusCode.Created);

        // The commitment is written; the process dies before it applies it to Mexico's evaluation (or rings its doorbell).
        crash.WritesContaining("reviewersAssigned");
        var commit = await app.Admin().PostAsync($"/api/rounds/{roundId}/assignments/proposals/{proposal["proposalId"].Str()}/commitment", null);
        crash.Heal();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, commit.StatusCode);
        await (await app.Admin().GetAsync($"/api/rounds/{roundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var country = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(country["history"]!.AsArray(), h => h!["type"].Str() == "reviewersAssigned");

        // Its workflow sleeps (the heartbeat is hours away) on a plan made before the commitment: it is never counted as
        // caught up while the reviewers are not applied.
        for (var read = 0; read < 10; read++)
        {
            var workflow = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/workflow")).JsonAsync(HttpStatusCode.OK);
            var history = (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK))["history"]!.AsArray();
            if (workflow["evaluations"]![0]!["caughtUp"]!.GetValue<bool>())
                Assert.Contains(history, h => h!["type"].Str() == "reviewersAssigned");
            await Task.Delay(200);
        }

        // A day passes: the move first wakes the workflow, which applies the reviewers at the time they were committed.
        await app.AdvanceClockAsync("P1D");
        country = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        var assigned = Assert.Single(country["history"]!.AsArray(), h => h!["type"].Str() == "reviewersAssigned")!;
        Assert.Equal(committedAt, assigned["at"]!.GetValue<DateTimeOffset>());
        var settled = await app.SettleAsync(roundId);
        Assert.True(settled["evaluations"]![0]!["caughtUp"]!.GetValue<bool>());
    }
}
