using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Reviews;

/// <summary>MEM-PROCESS.md's confidentiality: the evaluated state's NCE never learns who evaluates it or
/// why someone declined; and once the draft has gone to the consultant an expert can no longer decline.</summary>
public sealed class ConfidentialityTests
{
    // No character that JSON escapes: the checks below read the JSON text.
    private const string Reason = "I advised the National Commission against Addictions of Mexico in 2022.";

    [Fact]
    public async Task TheCountrysHistory_NamesNoReviewer_AndNoDeclineReason_WhileTheMemUnitsDoes()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");
        var experts = new List<Registered>();
        foreach (var state in new[] { "COL", "BRA", "PER" })
            experts.Add(await app.RegisterAsync("geg", state, name: $"Expert designated by {state}", expertise: ["IC"]));
        var consultant = await app.RegisterAsync("consultant", "CAN", name: "Claire Martin", expertise: ["IC"]);
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" },
            excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"] },
        });
        var (assigned, _) = await app.AssignAsync(roundId, "MEX");
        var declining = experts.Single(e => e.Id == assigned[0]);
        await (await app.Client(declining.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/experts/{declining.Id}/decline", new { reason = Reason }))
            .JsonAsync(HttpStatusCode.OK);
        foreach (var item in new[] { "IC-1.1", "IC-1.2", "IC-1.3", "IC-2.1", "IC-2.2", "IC-2.3", "IC-2.4" })
            await (await app.Client(nce.Token).SaveAnswerAsync(roundId, "MEX", item, "notImplemented", "No measure.")).JsonAsync(HttpStatusCode.OK);
        await (await app.Client(nce.Token).PostAsync($"/api/rounds/{roundId}/countries/MEX/submission", null)).StageAsync("inReview");
        var drafting = experts.Single(e => e.Id == assigned[1]);
        var expert = app.Client(drafting.Token);
        foreach (var objective in new[] { "IC-1", "IC-2" })
            await (await expert.SaveSummaryAsync(roundId, "MEX", objective, "CICAD notes that ...")).JsonAsync(HttpStatusCode.OK);
        await (await expert.PostAsync($"/api/rounds/{roundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");
        await (await app.Client(consultant.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/feedback",
            new { decision = "requestChanges", comments = new[] { new { objectiveId = "IC-1", text = "Say more." } } })).StageAsync("revisionRequested");

        var forTheCountry = (await (await app.Client(nce.Token).GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK)).ToJsonString();
        var forTheMemUnit = (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK)).ToJsonString();
        var secrets = experts.SelectMany(e => new[] { e.Id, $"Expert designated by {e.MemberState}" }).Concat([consultant.Id, "Claire Martin", Reason, "advised"]).ToList();
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, forTheCountry, StringComparison.Ordinal));
        Assert.Contains("GEG experts and a technical consultant were assigned.", forTheCountry);
        Assert.Contains(Reason, forTheMemUnit);
        Assert.Contains("Claire Martin", forTheMemUnit);
        Assert.Contains(drafting.Id, forTheMemUnit);

        // The draft went to the consultant: the drafting expert can no longer step aside, and nothing changes.
        var assignment = (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/assignments")).JsonAsync(HttpStatusCode.OK)).ToJsonString();
        var refused = await (await expert.PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/experts/{drafting.Id}/decline", new { reason = "Too busy." }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("gone to the consultant", refused["detail"].Str());
        Assert.Equal(assignment, (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/assignments")).JsonAsync(HttpStatusCode.OK)).ToJsonString());
    }
}
