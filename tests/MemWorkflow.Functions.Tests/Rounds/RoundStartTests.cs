using System.Net;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Rounds;

public sealed class RoundStartTests
{
    /// <summary>The 33 states the eighth round evaluated (OAS members less Cuba and Nicaragua).</summary>
    public static readonly string[] ThirtyThree = MemberStates.All.Select(s => s.Code).Where(c => c is not ("CUB" or "NIC")).ToArray();

    [Fact]
    public async Task StartRound_ForThirtyThreeStates_IssuesEveryQuestionnaireAndEmailsEachNceUserOnce()
    {
        await using var app = await MemApp.StartAsync();
        var nce = new List<Registered>();
        foreach (var state in ThirtyThree)
        {
            nce.Add(await app.RegisterAsync("nce", state));
            nce.Add(await app.RegisterAsync("nce", state));
        }
        var gone = await app.RegisterAsync("nce", "MEX");
        await app.Admin().DeleteAsync($"/api/participants/{gone.Id}");
        await app.RegisterAsync("geg", "MEX", expertise: ["IS"]);

        var due = MemApp.Epoch.AddDays(75);
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2024",
            memberStates = ThirtyThree,
            excludedPillars = new Dictionary<string, string[]> { ["GRD"] = ["SR"] },
            schedule = new { submissionDue = due },
        });

        var round = await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("open", round["status"].Str());
        var countries = round["countries"]!.AsArray();
        Assert.Equal(ThirtyThree, countries.Select(c => c!["memberState"].Str()));
        Assert.All(countries, c => Assert.Equal("issued", c!["stage"].Str()));
        Assert.All(countries, c => Assert.Equal("nce", c!["owner"].Str()));

        var mail = await app.MailAsync(roundId);
        Assert.Equal(nce.Count, mail.Count);
        Assert.Equal(nce.Select(n => n.Email).Order(), mail.Select(m => m!["to"].Str()).Order());
        Assert.DoesNotContain(mail, m => m!["to"].Str() == gone.Email);
        Assert.All(mail, m => Assert.Equal("questionnaireIssued", m!["category"].Str()));
        var toMexico = mail.First(m => m!["to"].Str() == nce.First(n => n.MemberState == "MEX").Email)!;
        Assert.Contains($"https://mem.test.oas.org/rounds/{roundId}/countries/MEX/questionnaire", toMexico["text"].Str());
        Assert.Contains("Submission due: Saturday 20 March 2027, 09:00 UTC", toMexico["text"].Str());
        Assert.Contains("Mexico", toMexico["subject"].Str());

        var all = PlanCatalogue.Current.Plan.Pillars.Sum(p => p.Objectives.Sum(o => o.PriorityActions.Count));
        var supply = PlanCatalogue.Current.FindPillar("SR")!.Objectives.Sum(o => o.PriorityActions.Count);
        var grenada = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/GRD/questionnaire")).JsonAsync(HttpStatusCode.OK);
        var items = grenada["items"]!.AsArray();
        Assert.Equal(all - supply, items.Count);
        Assert.DoesNotContain(items, i => i!["pillarId"].Str() == "SR");
        Assert.Equal("IS-1.1", items[0]!["priorityActionId"].Str());
        Assert.Equal(all, (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX/questionnaire")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task CountryEvaluation_ShowsStageDueOwnerAndHistory_ToTheMemUnitAndThatStatesNceOnly()
    {
        await using var app = await MemApp.StartAsync();
        var mexico = await app.RegisterAsync("nce", "MEX");
        var colombia = await app.RegisterAsync("nce", "COL");
        var expert = await app.RegisterAsync("geg", "COL", expertise: ["IS"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });

        var own = await (await app.Client(mexico.Token).GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("issued", own["stage"].Str());
        Assert.Equal("nce", own["owner"].Str());
        Assert.Equal(MemApp.Epoch.AddDays(90), own["due"]!.GetValue<DateTimeOffset>());
        Assert.False(own["overdue"]!.GetValue<bool>());
        var issued = Assert.Single(own["history"]!.AsArray())!;
        Assert.Equal("questionnaireIssued", issued["type"].Str());
        Assert.Equal("system", issued["actor"].Str());
        Assert.Equal(MemApp.Epoch, issued["at"]!.GetValue<DateTimeOffset>());

        await (await app.Client(colombia.Token).GetAsync($"/api/rounds/{roundId}/countries/MEX")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Client(colombia.Token).GetAsync($"/api/rounds/{roundId}/countries/MEX/questionnaire")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Client(mexico.Token).GetAsync($"/api/rounds/{roundId}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Client(expert.Token).GetAsync($"/api/rounds/{roundId}/countries/MEX")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Client(mexico.Token).GetAsync($"/api/rounds/{roundId}/countries/USA")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/USA")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Admin().GetAsync("/api/rounds/r2023-ffffffff")).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Admin().GetAsync("/api/rounds/'%20or%20''='")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListRounds_ShowsEveryRoundNewestFirst()
    {
        await using var app = await MemApp.StartAsync();
        var first = await app.StartRoundAsync(new { thematicEvaluation = "R8-2021", memberStates = new[] { "JAM" } });
        await app.AdvanceClockAsync("PT1H");
        var second = await app.StartRoundAsync(new { thematicEvaluation = "R8-2022", memberStates = new[] { "BRB", "TTO" } });
        var rounds = (await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal([second, first], rounds.Select(r => r!["roundId"].Str()));
        Assert.Equal(2, rounds[0]!["memberStates"]!.GetValue<int>());
        Assert.Equal(2022, rounds[0]!["year"]!.GetValue<int>());
    }
}
