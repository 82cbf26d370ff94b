using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Catalogue;

/// <summary>Property 7: the pillars carry their official titles (MEM-PROCESS.md), and a round keeps the
/// Plan of Action it was started under.</summary>
public sealed class CatalogueFidelityTests
{
    private const string Prevention = "Measures of Prevention, Treatment, and Recovery Support";

    private const string Control = "Measures to Control and Counter the Illicit Cultivation, Production, Trafficking, and Distribution of Drugs, and to Address their Causes and Consequences";

    [Fact]
    public async Task Catalogue_ServesEachPillarsOfficialTitle_AndItsShortName()
    {
        await using var app = await MemApp.StartAsync();
        var catalogue = await (await app.Client().GetAsync("/api/catalogue")).JsonAsync(HttpStatusCode.OK);

        var pillars = catalogue["pillars"]!.AsArray().ToDictionary(p => p!["id"].Str(), p => (Title: p!["title"].Str(), ShortName: p["shortName"].Str()));
        Assert.Equal((Prevention, "Demand Reduction"), pillars["DR"]);
        Assert.Equal((Control, "Supply Reduction"), pillars["SR"]);
        Assert.Equal(("Research, Information, Monitoring, and Evaluation", "Research, Information, Monitoring, and Evaluation"), pillars["RIME"]);
        Assert.Equal("2021-2025", catalogue["planId"].Str());
    }

    [Fact]
    public async Task ADemandReductionRound_ShowsItsPlan_AndItsReportHeadsThePillarByItsOfficialTitle()
    {
        await using var app = await MemApp.StartAsync();
        var nce = app.Client((await app.RegisterAsync("nce", "JAM")).Token);
        var experts = new Dictionary<string, Registered>();
        foreach (var state in new[] { "COL", "PER", "CHL" })
        {
            var expert = await app.RegisterAsync("geg", state, expertise: ["DR"]);
            experts[expert.Id] = expert;
        }
        var consultant = await app.RegisterAsync("consultant", "CAN", expertise: ["DR"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2021", memberStates = new[] { "JAM" }, countryReview = false });

        var round = await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2021-2025", round["planId"].Str());
        Assert.Equal("Hemispheric Plan of Action on Drugs 2021-2025", round["planTitle"].Str());
        Assert.Equal("2021-2025", Assert.Single((await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK)).AsArray())!["planId"].Str());

        var questionnaire = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/JAM/questionnaire")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2021-2025", questionnaire["planId"].Str());
        var items = questionnaire["items"]!.AsArray();
        Assert.Equal(25, items.Count);
        Assert.All(items, i => Assert.Equal((Prevention, "Demand Reduction"), (i!["pillarTitle"].Str(), i["pillarShortName"].Str())));

        foreach (var item in items)
            await (await nce.SaveAnswerAsync(roundId, "JAM", item!["priorityActionId"].Str(), "notImplemented", "Jamaica reports no programme yet.")).JsonAsync(HttpStatusCode.OK);
        await (await nce.PostAsync($"/api/rounds/{roundId}/countries/JAM/submission", null)).StageAsync("submitted");
        var (assigned, _) = await app.AssignAsync(roundId, "JAM");
        var drafting = app.Client(experts[assigned[0]].Token);
        foreach (var objective in items.Select(i => $"DR-{i!["objectiveNumber"]!.GetValue<int>()}").Distinct())
            await (await drafting.SaveSummaryAsync(roundId, "JAM", objective, $"CICAD observes that Jamaica has not yet acted on {objective}.")).JsonAsync(HttpStatusCode.OK);
        await (await drafting.PostAsync($"/api/rounds/{roundId}/countries/JAM/evaluation/submission", null)).StageAsync("consultantReview");
        await (await app.Client(consultant.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/feedback", new { decision = "approve" })).StageAsync("awaitingApproval");
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/approval", new { })).StageAsync("approved");
        await (await app.Admin().PostAsync($"/api/rounds/{roundId}/countries/JAM/publication", null)).JsonAsync(HttpStatusCode.OK);

        // As in the real reports (seed 000): the pillar's official title in capitals, over its objectives
        // and again over its evaluative summaries.
        var markdown = await (await app.Client().GetAsync($"/api/reports/{roundId}/JAM?format=markdown")).Content.ReadAsStringAsync();
        var headings = markdown.Split('\n').Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#', ' ')).ToList();
        Assert.Equal(Prevention.ToUpperInvariant(), headings[headings.IndexOf("PREFACE") + 1]);
        Assert.Equal(Prevention.ToUpperInvariant(), headings[headings.IndexOf("EVALUATIVE SUMMARY") + 1]);
        Assert.DoesNotContain("DEMAND REDUCTION", markdown);
        Assert.Contains("in implementing the Hemispheric Plan of Action on Drugs 2021-2025.", markdown);
    }

    [Fact]
    public async Task ARoundStoredBeforeRoundsRecordedTheirPlan_LoadsAsThe2021Plan()
    {
        await using var app = await MemApp.StartAsync();
        var nce = app.Client((await app.RegisterAsync("nce", "GRD")).Token);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2022", memberStates = new[] { "GRD" } });

        // The round's started event and state row, as written before rounds recorded their plan.
        var rounds = app.Table("rounds");
        var state = (await rounds.GetEntityAsync<TableEntity>(roundId, RowKeys.State(RowKeys.RoundStream))).Value;
        var json = JsonNode.Parse(StateChunks.Read(state))!;
        Assert.Equal("2021-2025", json["settings"]!["planId"].Str());
        json["settings"]!.AsObject().Remove("planId");
        StateChunks.Write(state, json.ToJsonString());
        await rounds.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace);
        var started = (await rounds.GetEntityAsync<TableEntity>(roundId, RowKeys.Event(RowKeys.RoundStream, 1))).Value;
        var data = JsonNode.Parse(started.GetString("Data"))!;
        Assert.True(data["settings"]!.AsObject().Remove("planId"));
        started["Data"] = data.ToJsonString();
        await rounds.UpdateEntityAsync(started, started.ETag, TableUpdateMode.Replace);

        var round = await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2021-2025", round["planId"].Str());
        Assert.Equal("R8-2022", round["thematicEvaluation"].Str());
        var questionnaire = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/GRD/questionnaire")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2021-2025", questionnaire["planId"].Str());
        Assert.All(questionnaire["items"]!.AsArray(), i => Assert.Equal(Control, i!["pillarTitle"].Str()));
        await (await nce.SaveAnswerAsync(roundId, "GRD", "SR-1.6", "notApplicable", "Grenada has no such cultivation.")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2021-2025", Assert.Single((await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK)).AsArray())!["planId"].Str());
    }
}
