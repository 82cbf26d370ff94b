using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Reviews;

/// <summary>The 2023 evaluation of Mexico, end to end through HTTP only, with the real report's texts:
/// the NCE's answers and the GEG's evaluative summaries of the published MEM report (seed 000).</summary>
public sealed partial class MexicoEndToEndTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "TestData", "mexico-2023");

    private static JsonArray Load(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Data, name)))!.AsArray();

    [Fact]
    public async Task Mexico2023_FromQuestionnaireToPublishedReport_MatchesTheRealReport()
    {
        await using var app = await MemApp.StartAsync();
        // Only the one-time index migration at start-up may read a whole table; from here on nothing does.
        app.Service<MemWorkflow.Functions.Storage.StorageMetrics>().Reset();
        var nceUser = await app.RegisterAsync("nce", "MEX", name: "Enlace CONADIC", languages: ["es", "en"]);
        var nce = app.Client(nceUser.Token);
        var experts = new Dictionary<string, Registered>();
        foreach (var state in new[] { "COL", "PER", "CHL", "ARG" })
        {
            var registered = await app.RegisterAsync("geg", state, name: $"GEG expert of {state}", languages: ["en", "es"], expertise: ["IS", "RIME", "IC"]);
            experts[registered.Id] = registered;
        }
        var consultantUser = await app.RegisterAsync("consultant", "CAN", name: "Claire Tremblay", languages: ["en"], expertise: ["IS"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" }, evaluationPeriod = new { from = 2019, to = 2023 } });

        // The NCE uploads the three means of verification (both paths) and answers every priority action.
        var documents = new List<string>();
        foreach (var (name, i) in Evidence.SeedFiles.Select((n, i) => (n, i)))
        {
            var bytes = Evidence.Seed(name);
            var reservation = await nce.ReserveAsync(roundId, "MEX", name, bytes.Length);
            var verified = i == 0
                ? await (await nce.PutContentAsync(roundId, "MEX", reservation["documentId"].Str(), bytes)).JsonAsync(HttpStatusCode.OK)
                : await nce.UploadAsync(roundId, "MEX", name, bytes);
            Assert.Equal(Evidence.Sha256(bytes), verified["sha256"].Str());
            documents.Add(verified["documentId"].Str());
        }
        var answers = Load("answers.json");
        foreach (var (answer, i) in answers.Select((a, i) => (a!, i)))
        {
            var status = answer["status"].Str();
            var evidence = status is "implemented" or "partiallyImplemented" ? new[] { documents[i % documents.Count] } : [];
            await (await nce.SaveAnswerAsync(roundId, "MEX", answer["priorityActionId"].Str(), status, answer["text"].Str(), evidence)).JsonAsync(HttpStatusCode.OK);
        }
        await (await nce.PostAsync($"/api/rounds/{roundId}/countries/MEX/submission", null)).StageAsync("submitted");

        // Assignment: the review starts at once, since the questionnaire is in.
        var (assigned, consultantId) = await app.AssignAsync(roundId, "MEX");
        var expert = app.Client(experts[assigned[0]].Token);
        var colleague = app.Client(experts[assigned[1]].Token);
        var consultant = app.Client(consultantUser.Token);
        Assert.Equal(consultantUser.Id, consultantId);

        // The experts draft every objective; the first summary of IS-1 is incomplete on purpose.
        var summaries = Load("summaries.json").Select(s => (Id: s!["objectiveId"].Str(), Text: s["summary"].Str())).ToList();
        foreach (var (id, summaryText) in summaries)
        {
            var draft = id == "IS-1" ? summaryText[..(summaryText.Length / 2)] : summaryText;
            await (await (id.StartsWith("IS", StringComparison.Ordinal) ? expert : colleague).SaveSummaryAsync(roundId, "MEX", id, draft)).JsonAsync(HttpStatusCode.OK);
        }
        await (await expert.PostAsync($"/api/rounds/{roundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");

        // One change request and the revision.
        await (await consultant.PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/feedback", new
        {
            decision = "requestChanges",
            comments = new object[] { new { objectiveId = "IS-1", text = "The summary of Objective 1 stops mid-way; complete it." } },
        })).StageAsync("revisionRequested");
        await (await expert.SaveSummaryAsync(roundId, "MEX", "IS-1", summaries[0].Text, ifMatch: 1)).JsonAsync(HttpStatusCode.OK);
        await (await expert.PostAsync($"/api/rounds/{roundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");
        await (await consultant.PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/feedback", new { decision = "approve" })).StageAsync("countryReview");

        // The country reads the draft and comments; the experts revise once more.
        var draftForCountry = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/evaluation")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(summaries.Count, draftForCountry["summaries"]!.AsArray().Count);
        await (await nce.PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/draft-comments",
            new { text = "Mexico asks that the summary of RIME 1 mention the 2022 National Survey on Drug Use.", accept = false })).StageAsync("revisionRequested");
        await (await colleague.PostAsync($"/api/rounds/{roundId}/countries/MEX/evaluation/submission", null)).StageAsync("awaitingApproval");

        // Approval and publication, twice: the same report.
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/approval", new { note = "Approved at the 74th regular session of CICAD." }))
            .StageAsync("approved");
        var published = await (await app.Admin().PostAsync($"/api/rounds/{roundId}/countries/MEX/publication", null)).JsonAsync(HttpStatusCode.OK);
        var rows = (await app.RowsAsync("rounds")).Count;
        var again = await (await app.Admin().PostAsync($"/api/rounds/{roundId}/countries/MEX/publication", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(published.ToJsonString(), again.ToJsonString());
        Assert.Equal(rows, (await app.RowsAsync("rounds")).Count);

        // The public report: headings in the real report's order, every answer and summary in it.
        var markdown = await (await app.Client().GetAsync($"/api/reports/{roundId}/MEX?format=markdown")).Content.ReadAsStringAsync();
        var headings = markdown.Split('\n').Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#', ' '))
            .Select(h => h.StartsWith("Priority Action", StringComparison.Ordinal) || h.StartsWith("Objective ", StringComparison.Ordinal) ? h.Split(':')[0] : h)
            .ToList();
        var expected = File.ReadAllLines(Path.Combine(Data, "headings.txt")).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToList();
        AssertInOrder(expected, headings);

        var text = Normalize(markdown);
        foreach (var answer in answers.Where(a => a!["text"].Str().Length > 0))
            Assert.Contains(Normalize(answer!["text"].Str()), text);
        foreach (var (_, summary) in summaries)
            Assert.Contains(Normalize(summary), text);

        var html = await app.Client().GetAsync($"/api/reports/{roundId}/MEX");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        // A published report never changes: caches may keep it, and a revalidation costs no body.
        Assert.Equal("public, max-age=3600", html.Headers.CacheControl?.ToString());
        var etag = html.Headers.ETag!;
        using var again304 = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{roundId}/MEX");
        again304.Headers.IfNoneMatch.Add(etag);
        var notModified = await app.Client().SendAsync(again304);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(etag, (await app.Client().GetAsync($"/api/reports/{roundId}/MEX?format=markdown")).Headers.ETag);
        Assert.Contains("<h1>Evaluation Report on Drug Policies: Institutional Strengthening; Research, Information, Monitoring, and Evaluation; and International Cooperation</h1>",
            await html.Content.ReadAsStringAsync());
        var listed = (await (await app.Client().GetAsync("/api/reports")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("MEX", Assert.Single(listed)!["report"]!["memberState"].Str());

        // Everyone involved was told, the history counts the iterations, and the round closed.
        var publishedMail = (await app.MailAsync(roundId)).Where(m => m!["category"].Str() == "published").Select(m => m!["to"].Str()).ToHashSet();
        Assert.Superset(new[] { nceUser.Email, experts[assigned[0]].Email, experts[assigned[1]].Email, consultantUser.Email, "mem-unit@localhost.test" }.ToHashSet(), publishedMail);
        var history = (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK))["history"]!.AsArray()
            .Select(h => h!["type"].Str()).Where(t => t is not ("answerSaved" or "documentReserved" or "documentCompleted" or "summarySaved")).ToList();
        Assert.Equal(["questionnaireIssued", "questionnaireSubmitted", "reviewersAssigned", "reviewStarted", "draftSubmitted", "changesRequested", "draftSubmitted",
            "draftApproved", "countryCommented", "draftSubmitted", "reportApproved", "reportPublished"], history);
        Assert.Equal("closed", (await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK))["status"].Str());
        await (await expert.SaveSummaryAsync(roundId, "MEX", "IS-1", "Too late.", ifMatch: 2)).ProblemAsync(HttpStatusCode.Conflict);

        // Every request and every workflow step above found rounds, reports and participants by key or index.
        await (await nce.GetAsync("/api/me/evaluations")).JsonAsync(HttpStatusCode.OK);
        await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Accepted, (await app.Client().PostJsonAsync("/api/sign-in", new { email = nceUser.Email })).StatusCode);
        Assert.Empty(app.Service<MemWorkflow.Functions.Storage.StorageMetrics>().TableScans);
    }

    private static void AssertInOrder(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var at = 0;
        foreach (var heading in expected)
        {
            var found = actual.Skip(at).Select((h, i) => (h, i)).FirstOrDefault(x => x.h == heading);
            Assert.True(found.h is not null, $"Heading '{heading}' missing or out of order after '{(at > 0 ? actual[at - 1] : "the start")}'.");
            at += found.i + 1;
        }
    }

    private static string Normalize(string text) => Whitespace().Replace(text.Replace("\\", "", StringComparison.Ordinal), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
