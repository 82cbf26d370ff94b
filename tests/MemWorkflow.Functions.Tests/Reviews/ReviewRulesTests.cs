using System.Net;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Reviews;

public sealed class ReviewRulesTests
{
    private static readonly IReadOnlyList<string> Items = PlanCatalogue.Current.FindPillar("IS")!.Objectives.SelectMany(o => o.PriorityActions).Select(a => a.Id).ToList();
    private static readonly IReadOnlyList<string> Objectives = PlanCatalogue.Current.FindPillar("IS")!.Objectives.Select(o => o.Id).ToList();

    private sealed record Round(MemApp App, string RoundId, Dictionary<string, HttpClient> Nce, Dictionary<string, Registered> Experts, Registered Consultant);

    /// <summary>A 2023 round on Institutional Strengthening only, without country review, all questionnaires submitted and assigned.</summary>
    private static Task<Round> InReviewAsync(params string[] states) => InReviewAsync(false, states);

    private static async Task<Round> InReviewAsync(bool countryReview, params string[] states)
    {
        var app = await MemApp.StartAsync();
        var nce = new Dictionary<string, HttpClient>();
        foreach (var state in states)
            nce[state] = app.Client((await app.RegisterAsync("nce", state)).Token);
        var experts = new Dictionary<string, Registered>();
        foreach (var state in new[] { "COL", "PER", "CHL", "ARG", "MEX" })
        {
            var registered = await app.RegisterAsync("geg", state, name: $"Expert of {state}", expertise: ["IS"]);
            experts[registered.Id] = registered;
        }
        var consultant = await app.RegisterAsync("consultant", "CAN", name: "Claire", expertise: ["IS"]);
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023", memberStates = states, countryReview,
            excludedPillars = states.ToDictionary(s => s, _ => new[] { "RIME", "IC" }),
        });
        foreach (var state in states)
        {
            foreach (var id in Items)
                await nce[state].SaveAnswerAsync(roundId, state, id, "notImplemented", $"{state}: <b>{id}</b> <script>alert('{id}')</script>");
            await (await nce[state].PostAsync($"/api/rounds/{roundId}/countries/{state}/submission", null)).StageAsync("submitted");
        }
        await app.AssignAsync(roundId, states[0]);
        return new Round(app, roundId, nce, experts, consultant);
    }

    private static async Task PublishAsync(Round round, string state)
    {
        var assignment = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var seats = assignment["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == state)!;
        var expert = round.App.Client(round.Experts[seats["experts"]![0].Str()].Token);
        foreach (var objective in Objectives)
            await (await expert.SaveSummaryAsync(round.RoundId, state, objective, $"CICAD notes with satisfaction that {state} works on {objective}.")).JsonAsync(HttpStatusCode.OK);
        await (await expert.PostAsync($"/api/rounds/{round.RoundId}/countries/{state}/evaluation/submission", null)).StageAsync("consultantReview");
        await (await round.App.Client(round.Consultant.Token).PostJsonAsync($"/api/rounds/{round.RoundId}/countries/{state}/feedback", new { decision = "approve" }))
            .StageAsync("awaitingApproval");
        await (await round.App.Admin().PostJsonAsync($"/api/rounds/{round.RoundId}/countries/{state}/approval", new { })).StageAsync("approved");
        await (await round.App.Admin().PostAsync($"/api/rounds/{round.RoundId}/countries/{state}/publication", null)).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARoundOfThreeStates_ClosesWhenTheLastReportIsPublished_AndAnswersCannotInjectMarkup()
    {
        var round = await InReviewAsync("MEX", "JAM", "URY");
        await using var _ = round.App;
        await PublishAsync(round, "MEX");
        await PublishAsync(round, "JAM");
        Assert.Equal("open", (await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}")).JsonAsync(HttpStatusCode.OK))["status"].Str());
        await PublishAsync(round, "URY");
        Assert.Equal("closed", (await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}")).JsonAsync(HttpStatusCode.OK))["status"].Str());
        Assert.Equal(3, (await (await round.App.Client().GetAsync("/api/reports")).JsonAsync(HttpStatusCode.OK)).AsArray().Count);

        var html = await (await round.App.Client().GetAsync($"/api/reports/{round.RoundId}/JAM")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>IS-1.1</b>", html);
        Assert.Contains("&lt;script&gt;alert", html);
    }

    /// <summary>A summary too long for its table row lives in a blob; it reads back with its real version,
    /// so the next save can quote it, and a refused save leaves no blob behind.</summary>
    [Fact]
    public async Task ALongSummary_ReadsBackWithItsVersion_AndARefusedOneLeavesNoBlob()
    {
        var round = await InReviewAsync("MEX");
        await using var _ = round.App;
        var assignment = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var expert = round.App.Client(round.Experts[assignment["evaluations"]![0]!["experts"]![0].Str()].Token);
        var longSummary = string.Join(" ", Enumerable.Repeat("The CICAD notes that Mexico's national drug commission coordinates the strategy.", 150));
        Assert.True(longSummary.Length > 10_000);

        await (await expert.SaveSummaryAsync(round.RoundId, "MEX", "IS-1", longSummary)).JsonAsync(HttpStatusCode.OK);
        await (await expert.SaveSummaryAsync(round.RoundId, "MEX", "IS-1", longSummary + " Revised.", ifMatch: 1)).JsonAsync(HttpStatusCode.OK);
        var draft = await (await expert.GetAsync($"/api/rounds/{round.RoundId}/countries/MEX/evaluation")).JsonAsync(HttpStatusCode.OK);
        var summary = draft["summaries"]!.AsArray().Single(s => s!["objectiveId"].Str() == "IS-1")!;
        Assert.Equal(2, summary["version"]!.GetValue<int>());
        Assert.Equal(longSummary + " Revised.", summary["summary"].Str());

        var blobs = round.App.Service<MemWorkflow.Functions.Storage.StorageBlobs>().Reports;
        var stored = await blobs.GetBlobsAsync().ToListAsync();
        var stale = await expert.SaveSummaryAsync(round.RoundId, "MEX", "IS-1", longSummary, ifMatch: 1);
        var conflict = await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        // The version that won comes with the refusal, as for answers: the portal shows both.
        Assert.Equal("\"2\"", stale.Headers.ETag?.Tag);
        Assert.Equal(2, conflict["current"]!["version"]!.GetValue<int>());
        Assert.Equal(longSummary + " Revised.", conflict["current"]!["summary"].Str());
        Assert.Equal(stored.Select(b => b.Name).Order(), (await blobs.GetBlobsAsync().ToListAsync()).Select(b => b.Name).Order());
    }

    [Fact]
    public async Task TheWrongPeople_AreRefused_AtEachStep_AndNothingChanges()
    {
        var round = await InReviewAsync("MEX");
        await using var _ = round.App;
        var assignment = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var assigned = assignment["evaluations"]![0]!["experts"]!.AsArray().Select(e => e.Str()).ToList();
        var expert = round.App.Client(round.Experts[assigned[0]].Token);
        var outsider = round.App.Client(round.Experts.Values.First(e => !assigned.Contains(e.Id) && e.MemberState != "MEX").Token);
        var mexican = round.App.Client(round.Experts.Values.Single(e => e.MemberState == "MEX").Token);
        var path = $"/api/rounds/{round.RoundId}/countries/MEX";
        var rows = (await round.App.RowsAsync("rounds")).Count;

        await (await outsider.SaveSummaryAsync(round.RoundId, "MEX", "IS-1", "x")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await mexican.SaveSummaryAsync(round.RoundId, "MEX", "IS-1", "x")).ProblemAsync(HttpStatusCode.NotFound);
        await (await round.Nce["MEX"].SaveSummaryAsync(round.RoundId, "MEX", "IS-1", "x")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await expert.SaveSummaryAsync(round.RoundId, "MEX", "IS-1", "")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await expert.SaveSummaryAsync(round.RoundId, "MEX", "RIME-1", "x")).ProblemAsync(HttpStatusCode.NotFound);
        await (await expert.PostJsonAsync($"{path}/feedback", new { decision = "approve" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await round.App.Client(round.Consultant.Token).PostJsonAsync($"{path}/feedback", new { decision = "approve" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await round.App.Admin().PostAsync($"{path}/publication", null)).ProblemAsync(HttpStatusCode.Conflict);
        await (await round.App.Admin().PostJsonAsync($"{path}/approval", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await expert.PostAsync($"{path}/evaluation/submission", null)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await round.Nce["MEX"].PostJsonAsync($"{path}/draft-comments", new { text = "x", accept = false })).ProblemAsync(HttpStatusCode.Conflict);
        await (await round.App.Client().GetAsync($"/api/reports/{round.RoundId}/MEX")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(rows, (await round.App.RowsAsync("rounds")).Count);
    }

    [Fact]
    public async Task EveryStageThatWaitsOnSomeone_RemindsThem_AndASilentCountryReviewLapses()
    {
        var round = await InReviewAsync(true, "MEX");
        await using var _ = round.App;
        var assignment = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var assigned = assignment["evaluations"]![0]!["experts"]!.AsArray().Select(e => round.Experts[e.Str()]).ToList();

        await round.App.AdvanceClockAsync("P31D");
        var reminders = (await round.App.MailAsync(round.RoundId)).Where(m => m!["category"].Str() == "reminder").ToList();
        Assert.Equal(assigned.Select(e => e.Email).Order(), reminders.Select(m => m!["to"].Str()).Order());
        Assert.All(reminders, m => Assert.Equal("MEM 2023: Mexico GEG draft evaluation due in 14 days", m!["subject"].Str()));

        var expert = round.App.Client(assigned[0].Token);
        foreach (var objective in Objectives)
            await expert.SaveSummaryAsync(round.RoundId, "MEX", objective, "CICAD notes with satisfaction that Mexico acts.");
        await expert.PostAsync($"/api/rounds/{round.RoundId}/countries/MEX/evaluation/submission", null);
        await (await round.App.Client(round.Consultant.Token).PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/feedback", new { decision = "approve" }))
            .StageAsync("countryReview");
        await round.App.AdvanceClockAsync("P22D");

        var evaluation = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("awaitingApproval", evaluation["stage"].Str());
        Assert.Equal("memUnit", evaluation["owner"].Str());
        Assert.Contains(evaluation["history"]!.AsArray(), h => h!["type"].Str() == "countryReviewLapsed");
        Assert.Contains(await round.App.MailAsync(round.RoundId), m => m!["subject"].Str() == "MEM 2023: no country review from Mexico; the draft awaits approval");
    }

    /// <summary>Sizes are what is stored: comments full of quotes and line breaks (escaped in the stored
    /// JSON) are kept whole across as many properties as they need, and a country comment within its
    /// characters but beyond its stored bytes is refused as too large, writing nothing. Before, either
    /// broke Azure's 64 KiB property limit and answered 500.</summary>
    [Fact]
    public async Task TextsAreMeasuredAsStored_EscapedCommentsAreKeptWhole_AndTooManyBytesIs413()
    {
        var round = await InReviewAsync(true, "MEX");
        await using var _ = round.App;
        var assignment = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var expert = round.App.Client(round.Experts[assignment["evaluations"]![0]!["experts"]![0].Str()].Token);
        foreach (var objective in Objectives)
            await (await expert.SaveSummaryAsync(round.RoundId, "MEX", objective, "CICAD notes that Mexico acts.")).JsonAsync(HttpStatusCode.OK);
        await (await expert.PostAsync($"/api/rounds/{round.RoundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");

        var escaped = string.Concat(Enumerable.Repeat("\"«€»\n", 400));
        Assert.Equal(2000, escaped.Length);
        var comments = Enumerable.Range(0, 12).Select(i => new { objectiveId = Objectives[i % Objectives.Count], text = escaped }).ToArray();
        await (await round.App.Client(round.Consultant.Token).PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/feedback",
            new { decision = "requestChanges", comments })).StageAsync("revisionRequested");
        var notes = await (await expert.GetAsync($"/api/rounds/{round.RoundId}/countries/MEX/evaluation")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(12, Strings(notes).Count(text => text == escaped));

        await (await expert.PostAsync($"/api/rounds/{round.RoundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");
        await (await round.App.Client(round.Consultant.Token).PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/feedback", new { decision = "approve" }))
            .StageAsync("countryReview");
        var rows = (await round.App.RowsAsync("rounds")).Count;
        var quotes = new string('"', 20_000);
        var problem = await (await round.Nce["MEX"].PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/draft-comments", new { accept = false, text = quotes }))
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("80,000 bytes as stored", problem["detail"].Str());
        Assert.Equal(rows, (await round.App.RowsAsync("rounds")).Count);
        await (await round.Nce["MEX"].PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/draft-comments", new { accept = false, text = quotes[..12_000] }))
            .StageAsync("revisionRequested");
    }

    /// <summary>A command authorised on the evaluation as read, then retried after a concurrent change
    /// (here the MEM Unit replaced the expert in between), is decided again with the expert's rights at
    /// that moment: refused (403), and nothing is written.</summary>
    [Fact]
    public async Task ACommandRetriedAfterAConcurrentChange_IsDecidedWithTheActorsRightsAtThatMoment()
    {
        var round = await InReviewAsync("MEX");
        await using var _ = round.App;
        var assignment = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var replacedId = assignment["evaluations"]![0]!["experts"]![0].Str();
        var queries = round.App.Service<MemWorkflow.Functions.Rounds.RoundQueries>();
        // What the expert's request had read and was allowed on, before the MEM Unit acted.
        var stale = new MemWorkflow.Functions.Evaluations.FoundEvaluation((await queries.GetAsync(round.RoundId))!, await queries.LoadEvaluationAsync(round.RoundId, "MEX"));
        Assert.Contains(replacedId, stale.State.Experts);

        await (await round.App.Admin().PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/experts/{replacedId}/decline", new { reason = "Reassigned by the MEM Unit." }))
            .JsonAsync(HttpStatusCode.OK);
        var before = (await round.App.RowsAsync("rounds")).Count;

        var (outcome, saved) = await round.App.Service<MemWorkflow.Functions.Evaluations.ReviewCommands>().SaveSummaryAsync(stale, Objectives[0],
            "Written by an expert who was just replaced.", new Dictionary<string, string>(), null, new Core.Actor(replacedId, "Replaced expert"), default);
        Assert.Equal(Core.RejectionKind.Forbidden, outcome.Rejection?.Kind);
        Assert.Null(saved);
        Assert.Equal(before, (await round.App.RowsAsync("rounds")).Count);
        await (await round.App.Client(round.Experts[replacedId].Token).SaveSummaryAsync(round.RoundId, "MEX", Objectives[0], "Again, over HTTP."))
            .ProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>An expert's decline is decided on the evaluation, with its stage: one that arrives after a
    /// co-expert sent the draft to the consultant (here past the request's early check, as a race would)
    /// is refused, and the round's assignment does not change.</summary>
    [Fact]
    public async Task AnExpertsDecline_RacingTheDraftToTheConsultant_IsDecidedOnTheEvaluation_AndRefused()
    {
        var round = await InReviewAsync("MEX");
        await using var _ = round.App;
        var assignment = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var (declining, other) = (assignment["evaluations"]![0]!["experts"]![0].Str(), assignment["evaluations"]![0]!["experts"]![1].Str());
        var queries = round.App.Service<MemWorkflow.Functions.Rounds.RoundQueries>();
        var asRead = (await queries.GetAsync(round.RoundId))!;

        var expert = round.App.Client(round.Experts[other].Token);
        foreach (var objective in Objectives)
            await (await expert.SaveSummaryAsync(round.RoundId, "MEX", objective, "CICAD notes that Mexico acts.")).JsonAsync(HttpStatusCode.OK);
        await (await expert.PostAsync($"/api/rounds/{round.RoundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");

        var (outcome, infeasible) = await round.App.Service<MemWorkflow.Functions.Assignments.AssignmentCommands>().DeclineAsync(asRead, "MEX", declining,
            "I cannot go on.", new Core.Actor(declining, "Declining expert"), default, byTheExpert: true);
        Assert.Null(infeasible);
        Assert.Equal(Core.RejectionKind.Conflict, outcome!.Rejection?.Kind);
        var after = await (await round.App.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(declining, after["evaluations"]![0]!["experts"]!.AsArray().Select(e => e.Str()));
        await (await round.App.Client(round.Experts[declining].Token).PostJsonAsync($"/api/rounds/{round.RoundId}/countries/MEX/experts/{declining}/decline",
            new { reason = "Over HTTP." })).ProblemAsync(HttpStatusCode.Conflict);
    }

    private static IEnumerable<string> Strings(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.SelectMany(p => Strings(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.SelectMany(Strings),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
