using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Participants;

public sealed class ParticipantsTests
{
    [Fact]
    public async Task Register_ShowsTheTokenOnce_AndStoresOnlyItsHash()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez", languages: ["es", "en"]);

        Assert.StartsWith("mem_", nce.Token);
        Assert.True(nce.Token.Length >= 43);
        var list = await (await app.Admin().GetAsync("/api/participants?role=nce")).JsonAsync(HttpStatusCode.OK);
        var listed = Assert.Single(list.AsArray());
        Assert.Equal("Ana Gómez", listed!["name"].Str());
        Assert.Equal("MEX", listed["memberState"].Str());
        Assert.Null(listed["accessToken"]);
        var rows = await app.RowsAsync("participants");
        Assert.DoesNotContain(rows, row => row.Select(kv => kv.Value).OfType<string>().Any(v => v.Contains(nce.Token, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AToken_WorksUntilItsParticipantIsDeactivated()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "COL");
        Assert.Equal(HttpStatusCode.OK, (await app.Client(nce.Token).GetAsync("/api/catalogue")).StatusCode);
        await (await app.Client(nce.Token).GetAsync("/api/rounds")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"/api/participants/{nce.Id}")).StatusCode);

        var problem = await (await app.Client(nce.Token).GetAsync($"/api/rounds/r2023-00000000/countries/COL")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", problem["detail"].Str());
        var listed = (await (await app.Admin().GetAsync("/api/participants")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.False(listed.Single(p => p!["id"].Str() == nce.Id)!["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task MissingOrUnknownTokens_Get401Problems()
    {
        await using var app = await MemApp.StartAsync();
        await (await app.Client().GetAsync("/api/rounds")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Client("mem_not-a-real-token").GetAsync("/api/rounds")).ProblemAsync(HttpStatusCode.Unauthorized);
        var basic = app.Client();
        basic.DefaultRequestHeaders.Authorization = new("Basic", "dXNlcjpwYXNz");
        await (await basic.GetAsync("/api/participants")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OnlyTheMemUnit_RegistersParticipants()
    {
        await using var app = await MemApp.StartAsync();
        var geg = await app.RegisterAsync("geg", "COL", expertise: ["IS"]);
        var response = await app.Client(geg.Token).PostJsonAsync("/api/participants",
            new { role = "memUnit", name = "Intruder", email = "x@example.org", languages = new[] { "en" } });
        await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Single(await app.RowsAsync("participants", "RowKey ge 'participant|' and RowKey lt 'participant}' and Role eq 'Geg'"));
    }

    [Fact]
    public async Task Register_WithBadFields_NamesEachAndWritesNothing()
    {
        await using var app = await MemApp.StartAsync();
        var before = (await app.RowsAsync("participants")).Count;
        var response = await app.Admin().PostJsonAsync("/api/participants",
            new { role = "geg", name = "", email = "nope", memberState = "XXX", languages = new[] { "de" }, expertise = new[] { "ZZ" } });
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "email", "memberState", "languages", "expertise" })
            Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(before, (await app.RowsAsync("participants")).Count);
    }

    [Theory]
    [InlineData("{\"role\": \"nce\", \"name\": ", "Malformed JSON")]
    [InlineData("{\"role\": 42, \"name\": \"A\", \"email\": \"a@b.org\", \"languages\": [\"en\"]}", "$.role")]
    [InlineData("{\"role\": \"pope\", \"name\": \"A\", \"email\": \"a@b.org\", \"languages\": [\"en\"]}", "$.role")]
    [InlineData("{\"role\": \"nce\", \"name\": \"A\", \"email\": \"a@b.org\", \"languages\": \"en\"}", "$.languages")]
    public async Task Register_WithMalformedOrMistypedJson_Is400NamingWhere(string body, string named)
    {
        await using var app = await MemApp.StartAsync();
        var before = (await app.RowsAsync("participants")).Count;
        var problem = await (await app.Admin().PostRawAsync("/api/participants", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem["detail"].Str() + problem["title"].Str());
        Assert.Equal(before, (await app.RowsAsync("participants")).Count);
    }

    [Fact]
    public async Task Register_TheSameNceUserTwice_IsAConflict()
    {
        await using var app = await MemApp.StartAsync();
        var body = new { role = "nce", name = "Ana", email = "ana@sre.gob.mx", memberState = "MEX", languages = new[] { "es" } };
        Assert.Equal(HttpStatusCode.Created, (await app.Admin().PostJsonAsync("/api/participants", body)).StatusCode);
        await (await app.Admin().PostJsonAsync("/api/participants", body)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheLastMemUnitUser_CannotBeDeactivated()
    {
        await using var app = await MemApp.StartAsync();
        var list = (await (await app.Admin().GetAsync("/api/participants?role=memUnit")).JsonAsync(HttpStatusCode.OK)).AsArray();
        var bootstrap = Assert.Single(list)!["id"].Str();
        await (await app.Admin().DeleteAsync($"/api/participants/{bootstrap}")).ProblemAsync(HttpStatusCode.Conflict);
        await (await app.Admin().DeleteAsync("/api/participants/p-nobody")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListParticipants_WithAnUnknownRole_Is400()
    {
        await using var app = await MemApp.StartAsync();
        await (await app.Admin().GetAsync("/api/participants?role=admin")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
