using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.Functions.Tests.Replay;

namespace MemWorkflow.Functions.Tests.Assignments;

public sealed class PublishedSeatsTests
{
    /// <summary>A published report names who evaluated the state: nobody replaces them afterwards, while the
    /// round's other evaluations still change experts as before.</summary>
    [Fact]
    public async Task AnExpertOfAPublishedEvaluation_IsNotReplaced_EvenByTheMemUnit()
    {
        await using var app = await MemApp.StartAsync();
        var round = await RoundDriver.StartAsync(app, "MEX", "JAM");
        await app.SettleAsync(round.RoundId);
        await RoundDriver.SubmitAsync(app, round, "MEX");
        await RoundDriver.PublishAsync(app, round, "MEX");
        var before = await (await app.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var mexico = before["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == "MEX")!;
        var history = await HistoryAsync(app, round.RoundId, "MEX");

        var refused = await (await app.Admin().PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/experts/{mexico["experts"]![0].Str()}/decline",
            new { reason = "Left the ministry." })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("published", refused["detail"].Str());
        var expert = app.Client(round.Experts[mexico["experts"]![1].Str()].Token);
        await (await expert.PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/experts/{mexico["experts"]![1].Str()}/decline", new { reason = "x" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var after = await (await app.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(history, await HistoryAsync(app, round.RoundId, "MEX"));

        // Jamaica's evaluation is not published: the MEM Unit still replaces one of its experts.
        var jamaica = before["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == "JAM")!;
        await (await app.Admin().PostJsonAsync($"/api/rounds/{round.RoundId}/countries/JAM/experts/{jamaica["experts"]![0].Str()}/decline",
            new { reason = "Left the ministry." })).JsonAsync(HttpStatusCode.OK);
    }

    private static async Task<string> HistoryAsync(MemApp app, string roundId, string ms) =>
        (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/{ms}")).JsonAsync(HttpStatusCode.OK))["history"]!.ToJsonString();
}
