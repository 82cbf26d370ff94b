using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Rounds;

/// <summary>Every bad start request is a 4xx problem naming the problem, and the rounds table stays empty.</summary>
public sealed class RoundBadInputTests
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"thematicEvaluation":"R8-1999","memberStates":["MEX"]}""", "thematicEvaluation" },
        { """{"memberStates":["MEX"]}""", "thematicEvaluation" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX","ATL"]}""", "memberStates[1]" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX","COL","MEX"]}""", "memberStates" },
        { """{"thematicEvaluation":"R8-2023","memberStates":[]}""", "memberStates" },
        { """{"thematicEvaluation":"R8-2023"}""", "memberStates" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX"],"schedule":{"submissionDue":"2026-12-01T00:00:00Z"}}""", "schedule.submissionDue" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX"],"excludedPillars":{"MEX":["DR"]}}""", "excludedPillars.MEX" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX"],"language":"de"}""", "language" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX"],"expertsPerEvaluation":0}""", "expertsPerEvaluation" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX"],"evaluationPeriod":{"from":2023,"to":2019}}""", "evaluationPeriod" },
        { "{\"thematicEvaluation\":\"" + new string('x', 5000) + "\",\"memberStates\":[\"MEX\"]}", "thematicEvaluation" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task StartRound_WithInvalidFields_Is400NamingTheFieldAndWritesNothing(string body, string field)
    {
        await using var app = await MemApp.StartAsync();
        await app.RegisterAsync("nce", "MEX");
        var problem = await (await app.Admin().PostRawAsync("/api/rounds", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty(await app.RowsAsync("rounds"));
        Assert.Empty(await app.RowsAsync("mailbox"));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX"]""", "line" },
        { """{"thematicEvaluation":"R8-2023","memberStates":"MEX"}""", "$.memberStates" },
        { """{"thematicEvaluation":2023,"memberStates":["MEX"]}""", "$.thematicEvaluation" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX"],"schedule":{"submissionDue":"next tuesday"}}""", "$.schedule.submissionDue" },
        { """{"thematicEvaluation":"R8-2023","memberStates":["MEX"],"expertsPerEvaluation":"two"}""", "$.expertsPerEvaluation" },
        { "", "body" },
        { "[]", "$" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task StartRound_WithMalformedJsonOrWrongTypes_Is400SayingWhereAndWritesNothing(string body, string where)
    {
        await using var app = await MemApp.StartAsync();
        var problem = await (await app.Admin().PostRawAsync("/api/rounds", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(where, problem["detail"].Str(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await app.RowsAsync("rounds"));
    }

    [Fact]
    public async Task StartRound_WithoutOrWithAnUnknownToken_Is401AndWritesNothing()
    {
        await using var app = await MemApp.StartAsync();
        var body = new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } };
        await (await app.Client().PostJsonAsync("/api/rounds", body)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Client("mem_forged").PostJsonAsync("/api/rounds", body)).ProblemAsync(HttpStatusCode.Unauthorized);
        var nce = await app.RegisterAsync("nce", "MEX");
        await (await app.Client(nce.Token).PostJsonAsync("/api/rounds", body)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty(await app.RowsAsync("rounds"));
    }

    [Fact]
    public async Task StartRound_WithABodyOverOneMegabyte_Is413AndWritesNothing()
    {
        await using var app = await MemApp.StartAsync();
        var body = "{\"thematicEvaluation\":\"R8-2023\",\"memberStates\":[\"MEX\"],\"pad\":\"" + new string('x', 1_100_000) + "\"}";
        await (await app.Admin().PostRawAsync("/api/rounds", body)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await app.RowsAsync("rounds"));
    }

    [Fact]
    public async Task Extension_And_Cancellation_WithBadInput_Are4xxAndChangeNothing()
    {
        await using var app = await MemApp.StartAsync();
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        var before = (await app.RowsAsync("rounds")).Count;
        var admin = app.Admin();
        var path = $"/api/rounds/{roundId}/countries/MEX/extension";

        await (await admin.PostJsonAsync(path, new { reason = "no date" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync(path, new { due = MemApp.Epoch.AddDays(120) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync(path, new { due = MemApp.Epoch.AddDays(120), reason = new string('r', 2001) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync(path, new { due = MemApp.Epoch.AddDays(-1), reason = "past" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync(path, new { due = MemApp.Epoch.AddDays(30), reason = "earlier" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostRawAsync(path, "{\"due\": \"soon\", \"reason\": \"x\"}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostJsonAsync($"/api/rounds/{roundId}/countries/COL/extension", new { due = MemApp.Epoch.AddDays(120), reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync($"/api/rounds/r2023-00000000/countries/MEX/extension", new { due = MemApp.Epoch.AddDays(120), reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync($"/api/rounds/{roundId}/cancellation", new { reason = "  " })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PostRawAsync($"/api/rounds/{roundId}/cancellation", "{\"reason\": [1]}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, (await app.RowsAsync("rounds")).Count);
    }
}
