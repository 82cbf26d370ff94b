using System.Net;
using System.Text.Json.Nodes;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Assignments;

public sealed class AssignmentTests
{
    private sealed record Pool(MemApp App, string RoundId, Dictionary<string, Registered> Nce, List<Registered> Experts, List<Registered> Consultants);

    /// <summary>A 2023 round (Spanish) for Mexico, Colombia and Peru, each evaluated on Institutional
    /// Strengthening only, with two experts from each of four states and two consultants.</summary>
    private static async Task<Pool> StartAsync()
    {
        var app = await MemApp.StartAsync();
        var nce = new Dictionary<string, Registered>();
        foreach (var state in new[] { "MEX", "COL", "PER" })
            nce[state] = await app.RegisterAsync("nce", state, languages: ["es"]);
        var experts = new List<Registered>();
        foreach (var state in new[] { "MEX", "COL", "PER", "CHL" })
        {
            for (var i = 0; i < 2; i++)
                experts.Add(await app.RegisterAsync("geg", state, name: $"Expert {i + 1} of {state}", languages: ["es", "en"], expertise: ["IS", "RIME"]));
        }
        var consultants = new List<Registered>
        {
            await app.RegisterAsync("consultant", "CAN", name: "Claire Tremblay", languages: ["en", "es", "fr"], expertise: ["IS"]),
            await app.RegisterAsync("consultant", "URY", name: "Martín Suárez", languages: ["es"], expertise: ["IS", "IC"]),
        };
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023",
            memberStates = new[] { "MEX", "COL", "PER" },
            language = "es",
            excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["RIME", "IC"], ["COL"] = ["RIME", "IC"], ["PER"] = ["RIME", "IC"] },
        });
        return new Pool(app, roundId, nce, experts, consultants);
    }

    private static async Task<JsonNode> ProposeAsync(Pool pool, int seed = 7) =>
        await (await pool.App.Admin().PostJsonAsync($"/api/rounds/{pool.RoundId}/assignments/proposals", new { seed })).JsonAsync(HttpStatusCode.Created);

    private static async Task SubmitCompleteAsync(Pool pool, string ms)
    {
        var nce = pool.App.Client(pool.Nce[ms].Token);
        foreach (var id in PlanCatalogue.Current.FindPillar("IS")!.Objectives.SelectMany(o => o.PriorityActions).Select(a => a.Id))
            await (await nce.SaveAnswerAsync(pool.RoundId, ms, id, "notImplemented", $"{ms} on {id}.")).JsonAsync(HttpStatusCode.OK);
        await (await nce.PostAsync($"/api/rounds/{pool.RoundId}/countries/{ms}/submission", null)).JsonAsync(HttpStatusCode.OK);
    }

    private static string StateOf(Pool pool, string participantId) =>
        pool.Experts.Concat(pool.Consultants).Single(p => p.Id == participantId).MemberState!;

    [Fact]
    public async Task AProposal_FollowsTheRules_IsDeterministic_AndEmailsNobodyUntilCommitted()
    {
        var pool = await StartAsync();
        await using var _ = pool.App;
        var proposal = await ProposeAsync(pool);
        var again = await ProposeAsync(pool);
        Assert.Equal(proposal["evaluations"]!.ToJsonString(), again["evaluations"]!.ToJsonString());
        Assert.NotEqual(proposal["proposalId"].Str(), again["proposalId"].Str());

        foreach (var evaluation in proposal["evaluations"]!.AsArray())
        {
            var ms = evaluation!["memberState"].Str();
            var experts = evaluation["experts"]!.AsArray().Select(e => e.Str()).ToList();
            Assert.Equal(2, experts.Count);
            Assert.DoesNotContain(ms, experts.Select(e => StateOf(pool, e)));
            Assert.Equal(2, experts.Select(e => StateOf(pool, e)).Distinct().Count());
            Assert.NotEqual(ms, StateOf(pool, evaluation["consultant"].Str()));
        }
        var loads = proposal["loads"]!.AsObject().Select(l => l.Value!.GetValue<int>()).ToList();
        Assert.True(loads.Max() - loads.DefaultIfEmpty(0).Min() <= 1);
        Assert.True(proposal["optimal"]!.GetValue<bool>());
        Assert.DoesNotContain(await pool.App.MailAsync(pool.RoundId), m => m!["category"].Str() == "assignment");
        await (await pool.App.Admin().GetAsync($"/api/rounds/{pool.RoundId}/assignments")).ProblemAsync(HttpStatusCode.NotFound);

        var committed = await (await pool.App.Admin().PostAsync($"/api/rounds/{pool.RoundId}/assignments/proposals/{proposal["proposalId"].Str()}/commitment", null))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(proposal["evaluations"]!.ToJsonString(), committed["evaluations"]!.ToJsonString());
        var assignmentMail = (await pool.App.MailAsync(pool.RoundId)).Where(m => m!["category"].Str() == "assignment").ToList();
        Assert.Equal(3 * 2 + 3, assignmentMail.Count);
        // Each in its recipient's first language: Claire's is English; the experts' and Martín's, Spanish.
        Assert.All(assignmentMail, m => Assert.StartsWith(
            m!["to"].Str() == pool.Consultants[0].Email ? "MEM 2023: you will evaluate" : "MEM 2023: asignación a la evaluación de", m["subject"].Str()));

        await (await pool.App.Admin().PostAsync($"/api/rounds/{pool.RoundId}/assignments/proposals/{proposal["proposalId"].Str()}/commitment", null))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await pool.App.Admin().PostAsync($"/api/rounds/{pool.RoundId}/assignments/proposals/{again["proposalId"].Str()}/commitment", null))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await pool.App.Admin().PostJsonAsync($"/api/rounds/{pool.RoundId}/assignments/proposals", new { seed = 1 })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnEvaluation_EntersReview_WhenSubmittedAndAssigned_AndOnlyItsReviewersReadTheSubmission()
    {
        var pool = await StartAsync();
        await using var _ = pool.App;
        var proposal = await ProposeAsync(pool);
        await pool.App.Admin().PostAsync($"/api/rounds/{pool.RoundId}/assignments/proposals/{proposal["proposalId"].Str()}/commitment", null);
        var mexico = proposal["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == "MEX")!;
        var assigned = mexico["experts"]!.AsArray().Select(e => e.Str()).ToList();
        var expert = pool.App.Client(pool.Experts.Single(e => e.Id == assigned[0]).Token);
        var consultant = pool.App.Client(pool.Consultants.Single(c => c.Id == mexico["consultant"].Str()).Token);
        var outsider = pool.App.Client(pool.Experts.First(e => !assigned.Contains(e.Id) && e.MemberState != "MEX").Token);
        var mexican = pool.App.Client(pool.Experts.First(e => e.MemberState == "MEX").Token);

        await (await expert.GetAsync($"/api/rounds/{pool.RoundId}/countries/MEX/submission")).ProblemAsync(HttpStatusCode.Conflict);
        await SubmitCompleteAsync(pool, "MEX");

        var round = await (await pool.App.Admin().GetAsync($"/api/rounds/{pool.RoundId}")).JsonAsync(HttpStatusCode.OK);
        var mex = round["countries"]!.AsArray().Single(c => c!["memberState"].Str() == "MEX")!;
        Assert.Equal("inReview", mex["stage"].Str());
        Assert.Equal("geg", mex["owner"].Str());
        Assert.Equal(MemApp.Epoch.AddDays(45), mex["due"]!.GetValue<DateTimeOffset>());
        var ready = (await pool.App.MailAsync(pool.RoundId)).Where(m => m!["category"].Str() == "submissionReadyForReview").ToList();
        Assert.Equal(2, ready.Count);

        var submission = await (await expert.GetAsync($"/api/rounds/{pool.RoundId}/countries/MEX/submission")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("MEX on IS-1.1.", submission["items"]![0]!["answer"]!["text"].Str());
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync($"/api/rounds/{pool.RoundId}/countries/MEX/documents")).StatusCode);
        await (await outsider.GetAsync($"/api/rounds/{pool.RoundId}/countries/MEX/submission")).ProblemAsync(HttpStatusCode.NotFound);
        await (await mexican.GetAsync($"/api/rounds/{pool.RoundId}/countries/MEX/submission")).ProblemAsync(HttpStatusCode.NotFound);
        await (await expert.SaveAnswerAsync(pool.RoundId, "MEX", "IS-1.1", "implemented", "x")).ProblemAsync(HttpStatusCode.Forbidden);

        var mine = (await (await expert.GetAsync("/api/me/assignments")).JsonAsync(HttpStatusCode.OK)).AsArray();
        var mexicoSeat = mine.Single(a => a!["memberState"].Str() == "MEX")!;
        Assert.Equal("expert", mexicoSeat["role"].Str());
        Assert.Equal("inReview", mexicoSeat["stage"].Str());
        Assert.Equal(MemApp.Epoch.AddDays(45), mexicoSeat["due"]!.GetValue<DateTimeOffset>());
        Assert.Contains((await (await consultant.GetAsync("/api/me/assignments")).JsonAsync(HttpStatusCode.OK)).AsArray(),
            a => a!["memberState"].Str() == "MEX" && a["role"].Str() == "consultant");
        await (await pool.App.Client(pool.Nce["MEX"].Token).GetAsync("/api/me/assignments")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ADecline_ReplacesExactlyOneSeat_AndEmailsTheReplacementAndTheMemUnit()
    {
        var pool = await StartAsync();
        await using var _ = pool.App;
        var proposal = await ProposeAsync(pool);
        var before = await (await pool.App.Admin().PostAsync($"/api/rounds/{pool.RoundId}/assignments/proposals/{proposal["proposalId"].Str()}/commitment", null))
            .JsonAsync(HttpStatusCode.OK);
        var seats = Seats(before);
        var declining = seats.First(s => s.MemberState == "COL");
        var expert = pool.App.Client(pool.Experts.Single(e => e.Id == declining.Participant).Token);
        var mailBefore = (await pool.App.MailAsync(pool.RoundId)).Select(m => m!["id"].Str()).ToHashSet();

        var own = await (await expert.PostJsonAsync($"/api/rounds/{pool.RoundId}/countries/COL/experts/{declining.Participant}/decline",
            new { reason = "I advised the Colombian ministry on its 2022 plan." })).JsonAsync(HttpStatusCode.OK);
        // The expert learns about their own seat only: nobody else's id appears in the answer.
        Assert.Equal(["declined", "expertId", "memberState", "roundId"], own.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(declining.Participant, own["expertId"].Str());
        Assert.All(seats.Where(s => s.Participant != declining.Participant), s => Assert.DoesNotContain(s.Participant, own.ToJsonString()));
        var after = await (await pool.App.Admin().GetAsync($"/api/rounds/{pool.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);

        var changed = Seats(after).Except(seats).ToList();
        var removed = seats.Except(Seats(after)).ToList();
        Assert.Equal([declining], removed);
        var replacement = Assert.Single(changed);
        Assert.Equal("COL", replacement.MemberState);
        Assert.NotEqual("COL", StateOf(pool, replacement.Participant));
        Assert.Equal(declining.Participant, after["declined"]![0]!["declinedId"].Str());

        var mail = (await pool.App.MailAsync(pool.RoundId)).Where(m => !mailBefore.Contains(m!["id"].Str())).ToList();
        Assert.Equal(2, mail.Count);
        Assert.Contains(mail, m => m!["category"].Str() == "assignment" && m["to"].Str() == pool.Experts.Single(e => e.Id == replacement.Participant).Email);
        Assert.Contains(mail, m => m!["category"].Str() == "expertDeclined" && m["text"].Str().Contains("advised the Colombian ministry"));

        await (await expert.PostJsonAsync($"/api/rounds/{pool.RoundId}/countries/COL/experts/{declining.Participant}/decline", new { reason = "again" }))
            .ProblemAsync(HttpStatusCode.NotFound);
        var other = pool.App.Client(pool.Experts.First(e => e.Id != replacement.Participant).Token);
        await (await other.PostJsonAsync($"/api/rounds/{pool.RoundId}/countries/COL/experts/{replacement.Participant}/decline", new { reason = "x" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await pool.App.Admin().PostJsonAsync($"/api/rounds/{pool.RoundId}/countries/COL/experts/{replacement.Participant}/decline", new { reason = "" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ARoundThatCannotBeStaffed_Is422NamingTheStateAndWhyEachCandidateWasExcluded_AndNothingIsWritten()
    {
        await using var app = await MemApp.StartAsync();
        await app.RegisterAsync("geg", "GRD", name: "Grenadian expert", languages: ["en"], expertise: ["DR"]);
        await app.RegisterAsync("geg", "JAM", name: "Francophone expert", languages: ["fr"], expertise: ["DR"]);
        await app.RegisterAsync("consultant", "CAN", name: "Claire", languages: ["en"], expertise: ["DR"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2021", memberStates = new[] { "GRD" } });
        var rows = (await app.RowsAsync("rounds")).Count;

        var problem = await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/assignments/proposals", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Grenada", problem["detail"].Str());
        var grenada = problem["unstaffable"]!.AsArray().First(u => u!["memberState"].Str() == "GRD")!;
        var excluded = grenada["excluded"]!.AsArray();
        Assert.Contains(excluded, e => e!["name"].Str() == "Grenadian expert" && e["reasons"]!.AsArray().Any(r => r.Str() == "ownState"));
        Assert.Contains(excluded, e => e!["name"].Str() == "Francophone expert" && e["reasons"]!.AsArray().Any(r => r.Str() == "noSharedLanguage"));
        Assert.Equal(rows, (await app.RowsAsync("rounds")).Count);
    }

    [Fact]
    public async Task ALoadCapTooLowForTheRound_Is422WithTheExpertsAtCap()
    {
        await using var app = await MemApp.StartAsync();
        foreach (var state in new[] { "COL", "PER" })
            await app.RegisterAsync("geg", state, name: $"Expert of {state}", languages: ["es"], expertise: ["DR"]);
        await app.RegisterAsync("consultant", "CAN", name: "Claire", languages: ["es"], expertise: ["DR"]);
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2021", memberStates = new[] { "MEX", "ARG" }, language = "es", expertsPerEvaluation = 2, expertLoadCap = 1,
        });
        var problem = await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/assignments/proposals", new { seed = 3 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(problem["unstaffable"]!.AsArray().SelectMany(u => u!["excluded"]!.AsArray()), e => e!["reasons"]!.AsArray().Any(r => r.Str() == "atCap"));
    }

    [Fact]
    public async Task AnExpertWithoutADesignatingState_IsRefusedAtRegistration()
    {
        await using var app = await MemApp.StartAsync();
        var problem = await (await app.Admin().PostJsonAsync("/api/participants",
            new { role = "geg", name = "Stateless", email = "x@example.org", languages = new[] { "es" }, expertise = new[] { "IS" } })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("designated", problem["errors"]!["memberState"]![0].Str());
    }

    [Fact]
    public async Task CommittingAProposal_MadeBeforeParticipantsChanged_Is409()
    {
        var pool = await StartAsync();
        await using var _ = pool.App;
        var proposal = await ProposeAsync(pool);
        await pool.App.RegisterAsync("geg", "ARG", name: "New Argentine expert", languages: ["es"], expertise: ["IS"]);
        var problem = await (await pool.App.Admin().PostAsync($"/api/rounds/{pool.RoundId}/assignments/proposals/{proposal["proposalId"].Str()}/commitment", null))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("ask for a new proposal", problem["detail"].Str());
        Assert.DoesNotContain(await pool.App.MailAsync(pool.RoundId), m => m!["category"].Str() == "assignment");
        await (await pool.App.Admin().PostAsync($"/api/rounds/{pool.RoundId}/assignments/proposals/a-0000000000/commitment", null))
            .ProblemAsync(HttpStatusCode.NotFound);
    }

    private static List<(string MemberState, string Participant)> Seats(JsonNode assignment) => assignment["evaluations"]!.AsArray()
        .SelectMany(e => e!["experts"]!.AsArray().Select(x => (e["memberState"].Str(), x.Str())))
        .ToList();
}
