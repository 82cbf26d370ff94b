using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Questionnaires;

public sealed class AnswersTests
{
    private static async Task<(MemApp App, HttpClient Nce, string RoundId)> StartAsync()
    {
        var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        return (app, app.Client(nce.Token), roundId);
    }

    [Fact]
    public async Task AnAnswer_IsSavedWithItsVersion_AndShownInTheQuestionnaire()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var evidence = await nce.UploadAsync(roundId, "MEX", "inl.txt", Evidence.Seed(Evidence.SeedFiles[0]));
        var saved = await nce.SaveAnswerAsync(roundId, "MEX", "IC-1.1", "implemented", "Mexico cooperates with the INL on …", [evidence["documentId"].Str()]);
        var answer = await saved.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("\"1\"", saved.Headers.ETag?.Tag);
        Assert.Equal(1, answer["version"]!.GetValue<int>());

        var changed = await (await nce.SaveAnswerAsync(roundId, "MEX", "IC-1.1", "partiallyImplemented", "Revised.", [evidence["documentId"].Str()], ifMatch: 1))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, changed["version"]!.GetValue<int>());

        var questionnaire = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/questionnaire")).JsonAsync(HttpStatusCode.OK);
        var item = questionnaire["items"]!.AsArray().Single(i => i!["priorityActionId"].Str() == "IC-1.1")!;
        Assert.Equal("partiallyImplemented", item["answer"]!["status"].Str());
        Assert.Equal("Revised.", item["answer"]!["text"].Str());
        Assert.Equal(1, questionnaire["answered"]!.GetValue<int>());
        Assert.Equal(["IC-1.1"], questionnaire["documents"]![0]!["priorityActionIds"]!.AsArray().Select(p => p.Str()));
        Assert.Null(questionnaire["items"]![0]!["answer"]);
    }

    [Fact]
    public async Task TwoUsersSavingTheSameAnswer_TheLoserGets412WithTheCurrentVersion()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var colleague = app.Client((await app.RegisterAsync("nce", "MEX")).Token);
        await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "notImplemented", "First draft.")).JsonAsync(HttpStatusCode.OK);

        var responses = await Task.WhenAll(
            nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "notImplemented", "Ana's version.", ifMatch: 1),
            colleague.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "notImplemented", "Luis's version.", ifMatch: 1));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        var problem = await loser.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, problem["current"]!["version"]!.GetValue<int>());
        Assert.Equal("\"2\"", loser.Headers.ETag?.Tag);
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(winner["text"].Str(), problem["current"]!["text"].Str());
        await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "notImplemented", "Without If-Match.")).ProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task TwentyUsersSavingDifferentAnswersAtOnce_AllSucceed()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var users = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
            users.Add(app.Client((await app.RegisterAsync("nce", "MEX")).Token));
        var items = (await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/questionnaire")).JsonAsync(HttpStatusCode.OK))["items"]!
            .AsArray().Take(20).Select(i => i!["priorityActionId"].Str()).ToList();

        var responses = await Task.WhenAll(items.Select((id, i) => users[i % users.Count].SaveAnswerAsync(roundId, "MEX", id, "notImplemented", $"Answer to {id}.")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var questionnaire = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/questionnaire")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(20, questionnaire["answered"]!.GetValue<int>());
        Assert.All(questionnaire["items"]!.AsArray().Take(20), i => Assert.Equal($"Answer to {i!["priorityActionId"].Str()}.", i["answer"]!["text"].Str()));
    }

    [Fact]
    public async Task ALongNarrative_IsKeptWhole_OutsideTheTableRow()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var narrative = string.Concat(Enumerable.Repeat("La Comisión Nacional contra las Adicciones coordina la política nacional. ", 1200));
        Assert.True(narrative.Length > 64 * 1024 / 2);
        await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "notImplemented", narrative)).JsonAsync(HttpStatusCode.OK);

        var row = Assert.Single(await app.RowsAsync("rounds", "RowKey eq 'answer|MEX|IS-1.1'"));
        Assert.Null(row.GetString("Text"));
        Assert.NotNull(row.GetString("TextBlob"));
        var questionnaire = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/questionnaire")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(narrative, questionnaire["items"]![0]!["answer"]!["text"].Str());
    }

    [Fact]
    public async Task BadAnswers_AreRefusedClearly_AndChangeNothing()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var colombia = app.Client((await app.RegisterAsync("nce", "COL")).Token);
        await colombia.UploadAsync(roundId, "COL", "col.txt", Evidence.Seed(Evidence.SeedFiles[0]));
        var colombianDocument = (await (await colombia.GetAsync($"/api/rounds/{roundId}/countries/COL/documents")).JsonAsync(HttpStatusCode.OK))[0]!["documentId"].Str();
        var expert = app.Client((await app.RegisterAsync("geg", "COL", expertise: ["IS"])).Token);
        var before = (await app.RowsAsync("rounds")).Count;

        await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-9.9", "implemented", "x")).ProblemAsync(HttpStatusCode.NotFound);
        await (await nce.SaveAnswerAsync(roundId, "MEX", "DR-1.1", "implemented", "x")).ProblemAsync(HttpStatusCode.NotFound);
        await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "implemented", "x", [colombianDocument])).ProblemAsync(HttpStatusCode.BadRequest);
        await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "done", "x")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "implemented", new string('x', 100_001))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await colombia.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "implemented", "x")).ProblemAsync(HttpStatusCode.NotFound);
        await (await expert.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "implemented", "x")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Admin().SaveAnswerAsync(roundId, "MEX", "IS-1.1", "implemented", "x")).ProblemAsync(HttpStatusCode.Forbidden);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/rounds/{roundId}/countries/MEX/answers/IS-1.1")
        {
            Content = new StringContent("{\"status\": \"implemented\", \"text\": ", System.Text.Encoding.UTF8, "application/json"),
        };
        await (await nce.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, (await app.RowsAsync("rounds")).Count);
    }
}
