using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Catalogue;

public sealed class CatalogueTests
{
    [Fact]
    public async Task Catalogue_IsPublic_AndServesThePlanTheThematicEvaluationsAndTheMemberStates()
    {
        await using var app = await MemApp.StartAsync();
        var catalogue = await (await app.Client().GetAsync("/api/catalogue")).JsonAsync(HttpStatusCode.OK);
        var pillars = catalogue["pillars"]!.AsArray();
        Assert.Equal(["IS", "DR", "SR", "RIME", "IC"], pillars.Select(p => p!["id"].Str()));
        Assert.Equal(142, pillars.Sum(p => p!["objectives"]!.AsArray().Sum(o => o!["priorityActions"]!.AsArray().Count)));
        var supplyOne = pillars[2]!["objectives"]![0]!;
        Assert.Equal(1, supplyOne["number"]!.GetValue<int>());
        Assert.Equal("SR-1.6", supplyOne["priorityActions"]![5]!["id"].Str());
        var thematic = catalogue["thematicEvaluations"]!.AsArray();
        Assert.Equal(["R8-2021", "R8-2022", "R8-2023", "R8-2024"], thematic.Select(t => t!["id"].Str()));
        Assert.Equal(["IS", "RIME", "IC"], thematic[2]!["pillarIds"]!.AsArray().Select(p => p.Str()));
        Assert.Equal(35, catalogue["memberStates"]!.AsArray().Count);
    }

    [Fact]
    public async Task Health_IsOkWhenStorageAnswers()
    {
        await using var app = await MemApp.StartAsync();
        var health = await (await app.Admin().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", health["status"].Str());
        Assert.Empty(health["reasons"]!.AsArray());
        // Tests run the manual clock and the local mailbox, and the health check says so.
        Assert.Equal("Testing", health["environment"].Str());
        Assert.Equal("manual", health["clock"].Str());
        Assert.Equal("local", health["email"].Str());

        // Anyone else, signed in or not, learns the status and nothing more.
        var nce = await app.RegisterAsync("nce", "MEX");
        foreach (var client in new[] { app.Client(), app.Client(nce.Token) })
        {
            var status = await (await client.GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(["status"], status.AsObject().Select(p => p.Key));
            Assert.Equal("healthy", status["status"].Str());
        }
    }

    [Fact]
    public async Task OpenApiDocument_IsServed_AndDescribesTheRoundsContract()
    {
        await using var app = await MemApp.StartAsync();
        var document = await (await app.Client().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        foreach (var path in new[]
        {
            "/api/catalogue", "/api/health", "/api/participants", "/api/participants/{participantId}", "/api/rounds", "/api/rounds/{roundId}",
            "/api/rounds/{roundId}/cancellation", "/api/rounds/{roundId}/countries/{ms}", "/api/rounds/{roundId}/countries/{ms}/extension",
            "/api/rounds/{roundId}/countries/{ms}/questionnaire", "/api/dev/mail", "/api/dev/clock",
        })
            Assert.Contains(path, paths);
        Assert.NotNull(document["paths"]!["/api/rounds"]!["post"]!["responses"]!["201"]);
        Assert.NotNull(document["paths"]!["/api/rounds"]!["post"]!["responses"]!["400"]);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEachCommandsBody_AndNeverAnInjectedService()
    {
        await using var app = await MemApp.StartAsync();
        var document = await (await app.Client().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var bodies = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Operation: $"{o.Key.ToUpperInvariant()} {p.Key}", Body: o.Value!["requestBody"]?.ToJsonString())))
            .ToDictionary(o => o.Operation, o => o.Body);

        Assert.Contains("#/components/schemas/RoundRequest", bodies["POST /api/rounds"]);
        Assert.Contains("#/components/schemas/AnswerRequest", bodies["PUT /api/rounds/{roundId}/countries/{ms}/answers/{priorityActionId}"]);
        Assert.Contains("#/components/schemas/SignInRequest", bodies["POST /api/sign-in"]);
        // Handlers take the app's services (directories, queries, workflows) as parameters: none is a body.
        Assert.All(bodies.Where(b => b.Key.StartsWith("GET ", StringComparison.Ordinal) || b.Key.StartsWith("DELETE ", StringComparison.Ordinal)),
            b => Assert.Null(b.Value));
        Assert.DoesNotContain(bodies.Values.OfType<string>(), b => b.Contains("Directory", StringComparison.Ordinal) || b.Contains("Queries", StringComparison.Ordinal)
            || b.Contains("Workflow", StringComparison.Ordinal) || b.Contains("Links", StringComparison.Ordinal) || b.Contains("Access", StringComparison.Ordinal));
    }
}
