using System.Net;
using System.Net.Http.Json;
using Azure.Core.Pipeline;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Hardening;

/// <summary>Issue 18, item 4: a command takes effect once even when its response is lost, whether the
/// Azure SDK retries the transaction or the client repeats the request with its Idempotency-Key; and no
/// clean-up removes what a committed row references.</summary>
public sealed class LostResponseTests
{
    private static readonly IReadOnlyList<string> Items = PlanCatalogue.Current.FindPillar("IS")!.Objectives.SelectMany(o => o.PriorityActions).Select(a => a.Id).ToList();
    private static readonly IReadOnlyList<string> Objectives = PlanCatalogue.Current.FindPillar("IS")!.Objectives.Select(o => o.Id).ToList();

    private static (LostResponse Policy, Task<MemApp> App) Start()
    {
        var lost = new LostResponse();
        return (lost, MemApp.StartAsync(configureServices: s => s.AddSingleton<HttpPipelinePolicy>(lost)));
    }

    [Fact]
    public async Task ARoundStart_WhoseResponseIsLost_IsAnsweredAsStarted_AndStartsOneRound()
    {
        var (lost, starting) = Start();
        await using var app = await starting;
        await app.RegisterAsync("nce", "JAM");
        var request = new { thematicEvaluation = "R8-2023", memberStates = new[] { "JAM" } };

        // The SDK retries the round's transaction after its response was lost: 201, one round.
        lost.Arm("state|round", sdkRetries: true);
        var started = await (await app.Admin().PostJsonAsync("/api/rounds", request)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, lost.Lost);
        var roundId = started["roundId"].Str();
        Assert.Single(await EventsAsync(app, roundId, "round", "roundStarted"));
        await app.SettleAsync(roundId);
        Assert.Equal("issued", (await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK))["countries"]![0]!["stage"].Str());

        // The client sees the connection fail (503) and repeats with its key: the same round, once.
        lost.Arm("state|round", sdkRetries: false);
        var failed = await Send(app.Admin(), HttpMethod.Post, "/api/rounds", request, key: "start-2027");
        await failed.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(2, lost.Lost);
        var repeated = await (await Send(app.Admin(), HttpMethod.Post, "/api/rounds", request, key: "start-2027")).JsonAsync(HttpStatusCode.Created);
        Assert.Single(await EventsAsync(app, repeated["roundId"].Str(), "round", "roundStarted"));
        Assert.Equal(2, (await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK)).AsArray().Count);
    }

    [Fact]
    public async Task AParticipantRegistration_WhoseResponseIsLost_IsAnsweredAsRegistered_WithATokenThatWorks_AndRegistersOnce()
    {
        var (lost, starting) = Start();
        await using var app = await starting;
        object Nce(string email) => new { role = "nce", name = "NCE of Jamaica", email, memberState = "JAM", languages = new[] { "en" } };

        // The SDK retries the registration's transaction after its response was lost: 201, once, and its token works.
        lost.Arm("sdk.retry@example.org", sdkRetries: true);
        var registered = await (await app.Admin().PostJsonAsync("/api/participants", Nce("sdk.retry@example.org"))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, lost.Lost);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(registered["accessToken"].Str()).GetAsync("/api/me")).StatusCode);
        Assert.Single(await WithEmailAsync(app, "sdk.retry@example.org"));

        // The client sees the connection fail (503) and repeats with its key: the same participant, once, with a
        // token that works; a further repeat hands out another token and the one before stops working.
        lost.Arm("key.repeat@example.org", sdkRetries: false);
        await (await Send(app.Admin(), HttpMethod.Post, "/api/participants", Nce("key.repeat@example.org"), key: "register-jam-1")).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(2, lost.Lost);
        var first = await (await Send(app.Admin(), HttpMethod.Post, "/api/participants", Nce("key.repeat@example.org"), key: "register-jam-1")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(first["accessToken"].Str()).GetAsync("/api/me")).StatusCode);
        var again = await (await Send(app.Admin(), HttpMethod.Post, "/api/participants", Nce("key.repeat@example.org"), key: "register-jam-1")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(first["id"].Str(), again["id"].Str());
        Assert.NotEqual(first["accessToken"].Str(), again["accessToken"].Str());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(first["accessToken"].Str()).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(again["accessToken"].Str()).GetAsync("/api/me")).StatusCode);
        Assert.Equal([first["id"].Str()], await WithEmailAsync(app, "key.repeat@example.org"));

        // The same key for another registration is refused, and registers nobody.
        var reused = await (await Send(app.Admin(), HttpMethod.Post, "/api/participants", Nce("someone.else@example.org"), key: "register-jam-1")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Idempotency-Key reused", reused["title"].Str());
        Assert.Empty(await WithEmailAsync(app, "someone.else@example.org"));
    }

    private static async Task<List<string>> WithEmailAsync(MemApp app, string email) =>
        [.. (await (await app.Admin().GetAsync("/api/participants?pageSize=100")).JsonAsync(HttpStatusCode.OK)).AsArray()
            .Where(p => p!["email"].Str() == email).Select(p => p!["id"].Str())];

    [Fact]
    public async Task AnswersSummariesAndUploads_WhoseResponsesAreLost_TakeEffectOnce_KeepTheirTexts_AndTheRoundPublishes()
    {
        var (lost, starting) = Start();
        await using var app = await starting;
        var (roundId, _, nce, experts, consultant) = await JamRound.StartAsync(app);

        // Upload completion: retried by the SDK, then repeated by the client after a 503 (as is the reservation:
        // its repeat answers the document the first attempt reserved, not a second one).

        var bytes = Evidence.Seed(Evidence.SeedFiles[2]);
        async Task<System.Text.Json.Nodes.JsonNode> ReserveTwiceAsync()
        {
            var request = new { fileName = "national-drug-plan.txt", contentType = "text/plain", length = bytes.Length };
            var path = $"/api/rounds/{roundId}/countries/JAM/documents";
            lost.Arm("documentReserved", sdkRetries: false);
            await (await Send(nce, HttpMethod.Post, path, request, key: "reserve-plan")).ProblemAsync(HttpStatusCode.ServiceUnavailable);
            var reserved = await (await Send(nce, HttpMethod.Post, path, request, key: "reserve-plan")).JsonAsync(HttpStatusCode.Created);
            Assert.Single(await EventsAsync(app, roundId, "JAM", "documentReserved", reserved["documentId"].Str()));
            Assert.Equal(2, (await EventsAsync(app, roundId, "JAM", "documentReserved")).Count);
            return reserved;
        }

        var documents = new List<string>();
        foreach (var sdkRetries in new[] { true, false })
        {
            var reservation = sdkRetries ? await nce.ReserveAsync(roundId, "JAM", "national-drug-plan.txt", bytes.Length) : await ReserveTwiceAsync();
            Assert.Equal(HttpStatusCode.Created, (await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), bytes)).StatusCode);
            var id = reservation["documentId"].Str();
            lost.Arm("documentCompleted", sdkRetries);
            var completion = await nce.CompleteAsync(roundId, "JAM", id);
            if (!sdkRetries)
            {
                await completion.ProblemAsync(HttpStatusCode.ServiceUnavailable);
                completion = await nce.CompleteAsync(roundId, "JAM", id);
            }
            Assert.Equal(Evidence.Sha256(bytes), (await completion.JsonAsync(HttpStatusCode.OK))["sha256"].Str());
            Assert.Single(await EventsAsync(app, roundId, "JAM", "documentCompleted", id));
            documents.Add(id);
        }
        Assert.Equal(3, lost.Lost);

        // An answer with a long text (a blob): retried by the SDK, then changed and repeated by the client with
        // its key and the If-Match it sent first (stale once the first attempt committed).
        var item = Items[0];
        var first = Narrative("first", 20_000);
        lost.Arm($"answer|JAM|{item}", sdkRetries: true);
        var saved = await (await Send(nce, HttpMethod.Put, Answer(roundId, item), new { status = "implemented", text = first, documentIds = documents })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, first), (saved["version"]!.GetValue<int>(), saved["text"].Str()));
        var second = Narrative("second", 30_000);
        lost.Arm($"answer|JAM|{item}", sdkRetries: false);
        var body = new { status = "implemented", text = second, documentIds = documents };
        await (await Send(nce, HttpMethod.Put, Answer(roundId, item), body, key: "autosave-41", ifMatch: 1)).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        var again = await Send(nce, HttpMethod.Put, Answer(roundId, item), body, key: "autosave-41", ifMatch: 1);
        var repeated = await again.JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, second, "\"2\""), (repeated["version"]!.GetValue<int>(), repeated["text"].Str(), again.Headers.ETag?.Tag));
        // The same key for a different answer is refused and changes nothing.
        var reused = await (await Send(nce, HttpMethod.Put, Answer(roundId, item), body with { text = "Something else." }, key: "autosave-41", ifMatch: 2))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", reused["detail"].Str());
        Assert.Equal(2, (await EventsAsync(app, roundId, "JAM", "answerSaved", $"\"{item}\"")).Count);
        Assert.Equal(5, lost.Lost);
        foreach (var other in Items.Skip(1))
            await (await nce.SaveAnswerAsync(roundId, "JAM", other, "notImplemented", $"Jamaica on {other}.")).JsonAsync(HttpStatusCode.OK);
        var questionnaire = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/JAM/questionnaire")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(second, questionnaire.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        await (await nce.PostAsync($"/api/rounds/{roundId}/countries/JAM/submission", null)).StageAsync("submitted");

        // A long evaluative summary, the same two ways.
        var (assigned, _) = await app.AssignAsync(roundId, "JAM");
        var expert = app.Client(experts[assigned[0]].Token);
        var objective = Objectives[0];
        var summary = Narrative("summary", 12_000);
        lost.Arm($"draft|JAM|{objective}", sdkRetries: true);
        Assert.Equal(1, (await (await expert.SaveSummaryAsync(roundId, "JAM", objective, summary)).JsonAsync(HttpStatusCode.OK))["version"]!.GetValue<int>());
        var revised = Narrative("revised summary", 14_000);
        lost.Arm($"draft|JAM|{objective}", sdkRetries: false);
        await (await Send(expert, HttpMethod.Put, Summary(roundId, objective), new { summary = revised }, key: "draft-7", ifMatch: 1)).ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(2, (await (await Send(expert, HttpMethod.Put, Summary(roundId, objective), new { summary = revised }, key: "draft-7", ifMatch: 1))
            .JsonAsync(HttpStatusCode.OK))["version"]!.GetValue<int>());
        Assert.Equal(2, (await EventsAsync(app, roundId, "JAM", "summarySaved", $"\"{objective}\"")).Count);
        Assert.Equal(7, lost.Lost);

        // Every later read and the publication work, with both long texts in the report.
        foreach (var other in Objectives.Skip(1))
            await (await expert.SaveSummaryAsync(roundId, "JAM", other, $"Jamaica's progress on {other}.")).JsonAsync(HttpStatusCode.OK);
        await (await expert.PostAsync($"/api/rounds/{roundId}/countries/JAM/evaluation/submission", null)).StageAsync("consultantReview");
        await (await app.Client(consultant.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/feedback", new { decision = "approve" })).StageAsync("countryReview");
        await (await nce.PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/draft-comments", new { text = "Jamaica accepts the draft.", accept = true })).StageAsync("awaitingApproval");
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/approval", new { note = "Approved." })).StageAsync("approved");
        await (await app.Admin().PostAsync($"/api/rounds/{roundId}/countries/JAM/publication", null)).JsonAsync(HttpStatusCode.OK);
        var report = await (await app.Client().GetAsync($"/api/reports/{roundId}/JAM?format=markdown")).Content.ReadAsStringAsync();
        Assert.Contains(second[..200], report);
        Assert.Contains(revised[..200], report);
    }

    private static string Answer(string roundId, string item) => $"/api/rounds/{roundId}/countries/JAM/answers/{item}";

    private static string Summary(string roundId, string objective) => $"/api/rounds/{roundId}/countries/JAM/evaluation/objectives/{objective}";

    private static string Narrative(string what, int length) =>
        string.Concat(Enumerable.Range(0, length / 40 + 1).Select(i => $"Jamaica's {what}, paragraph {i}. ")).PadRight(length, '.')[..length];

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string? key = null, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Api.Web) };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return client.SendAsync(request);
    }

    /// <summary>The stream's stored events of one type (whose data mention <paramref name="mentioning"/>).</summary>
    private static async Task<IReadOnlyList<Azure.Data.Tables.TableEntity>> EventsAsync(MemApp app, string roundId, string stream, string type, string? mentioning = null) =>
        (await app.RowsAsync("rounds", $"PartitionKey eq '{roundId}' and RowKey ge 'evt|{stream}|' and RowKey lt 'evt|{stream}}}'"))
            .Where(r => r.GetString("Type") == type && (mentioning is null || r.GetString("Data").Contains(mentioning, StringComparison.Ordinal))).ToList();
}
