using System.Net;
using System.Text.RegularExpressions;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Participants;

public sealed partial class SignInTests
{
    [Fact]
    public async Task ASignInLink_OpensOneSession_OnceOnly()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez", languages: ["es", "en"]);

        var accepted = await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email.ToUpperInvariant(), returnTo = "/rounds/r2027-1/countries/MEX/questionnaire" });
        await accepted.JsonAsync(HttpStatusCode.Accepted);
        var mail = Assert.Single(await SignInMailAsync(app, nce.Email));
        Assert.Equal("Su enlace de acceso al portal del MEM", mail["subject"].Str());
        var link = LinkIn(mail["text"].Str());
        Assert.StartsWith("https://mem.test.oas.org/sign-in#code=", link, StringComparison.Ordinal);
        Assert.EndsWith("&returnTo=%2Frounds%2Fr2027-1%2Fcountries%2FMEX%2Fquestionnaire", link, StringComparison.Ordinal);
        var code = CodeIn(link);

        var session = await (await app.Client().PostJsonAsync("/api/sessions", new { code })).JsonAsync(HttpStatusCode.Created);
        var token = session["accessToken"].Str();
        Assert.StartsWith("mems_", token);
        Assert.Equal(MemApp.Epoch.AddHours(12), session["expiresOn"]!.GetValue<DateTimeOffset>());
        Assert.Equal("nce", session["participant"]!["role"].Str());
        var me = await (await app.Client(token).GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(nce.Id, me["id"].Str());
        Assert.Equal("MEX", me["memberState"].Str());
        Assert.Equal(MemApp.Epoch.AddHours(12), me["sessionExpiresOn"]!.GetValue<DateTimeOffset>());

        var again = await (await app.Client().PostJsonAsync("/api/sessions", new { code })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("used already", again["errors"]!["code"]![0].Str());
        var rows = (await app.RowsAsync("participants")).Concat(await app.RowsAsync("signins"));
        Assert.DoesNotContain(rows, row => row.Select(kv => kv.Value).OfType<string>().Any(v => v.Contains(code, StringComparison.Ordinal) || v.Contains(token, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnUnknownAddress_GetsTheSameAnswer_AndNoEmail()
    {
        await using var app = await MemApp.StartAsync();
        var known = await app.RegisterAsync("geg", "COL", expertise: ["IS"]);

        var unknown = await (await app.Client().PostJsonAsync("/api/sign-in", new { email = "nobody@example.org" })).JsonAsync(HttpStatusCode.Accepted);
        var knownAnswer = await (await app.Client().PostJsonAsync("/api/sign-in", new { email = known.Email })).JsonAsync(HttpStatusCode.Accepted);

        Assert.Equal(knownAnswer.ToJsonString(), unknown.ToJsonString());
        Assert.Empty(await SignInMailAsync(app, "nobody@example.org"));
        Assert.Single(await SignInMailAsync(app, known.Email));
    }

    [Fact]
    public async Task ALink_ExpiresAfterFifteenMinutes()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "JAM");
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email })).JsonAsync(HttpStatusCode.Accepted);
        var code = CodeIn(LinkIn(Assert.Single(await SignInMailAsync(app, nce.Email))["text"].Str()));

        await app.AdvanceClockAsync("PT15M1S");

        await (await app.Client().PostJsonAsync("/api/sessions", new { code })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task XMemAuthorization_CarriesTheToken_AndWinsOverWhatAProxyPutsInAuthorization_SignOutIncluded()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");
        var session = await OpenSessionAsync(app, nce.Email);
        // What Azure Static Web Apps puts in Authorization on the requests it proxies to a linked backend.
        const string proxys = "Bearer eyJhbGciOiJIUzI1NiJ9.c3dhLXByb3h5.c2lnbmF0dXJl";
        HttpRequestMessage Me(string? portal, string? authorization, HttpMethod? method = null, string path = "/api/me")
        {
            var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
            if (portal is not null)
                request.Headers.TryAddWithoutValidation("X-MEM-Authorization", portal);
            if (authorization is not null)
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return request;
        }
        var client = app.Client();

        foreach (var token in new[] { nce.Token, session })
        {
            var me = await (await client.SendAsync(Me($"Bearer {token}", proxys))).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(nce.Id, me["id"].Str());
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Me($"Bearer {token}", null))).StatusCode);
        }
        // Direct API clients keep using Authorization; the portal's header, when sent, is the only one read.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Me(null, $"Bearer {nce.Token}"))).StatusCode);
        await (await client.SendAsync(Me("Bearer mem_not-a-token", $"Bearer {nce.Token}"))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.SendAsync(Me(nce.Token, null))).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.SendAsync(Me(null, proxys))).ProblemAsync(HttpStatusCode.Unauthorized);

        // Signing out through the proxy ends the session named in the portal's header.
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Me($"Bearer {session}", proxys, HttpMethod.Delete, "/api/sessions/current"))).StatusCode);
        await (await client.SendAsync(Me($"Bearer {session}", null))).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ASession_EndsWhenItExpires_WhenSignedOut_AndWhenItsParticipantIsDeactivated()
    {
        await using var app = await MemApp.StartAsync();
        var geg = await app.RegisterAsync("geg", "BRA", expertise: ["IS"]);
        var first = await OpenSessionAsync(app, geg.Email);
        var second = await OpenSessionAsync(app, geg.Email);
        var third = await OpenSessionAsync(app, geg.Email);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Client(first).DeleteAsync("/api/sessions/current")).StatusCode);
        await (await app.Client(first).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(second).GetAsync("/api/me/assignments")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"/api/participants/{geg.Id}")).StatusCode);
        await (await app.Client(second).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Client(third).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(await app.RowsAsync("participants", "RowKey ge 'session|' and RowKey lt 'session}'"));

        var nce = await app.RegisterAsync("nce", "BRA");
        var session = await OpenSessionAsync(app, nce.Email);
        await app.AdvanceClockAsync("PT11H59M");
        Assert.Equal(HttpStatusCode.OK, (await app.Client(session).GetAsync("/api/me")).StatusCode);
        await app.AdvanceClockAsync("PT2M");
        await (await app.Client(session).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OneAddress_GetsFiveLinksAnHour_ThenA429WithRetryAfter()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "PER");
        for (var i = 0; i < 5; i++)
            await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email })).JsonAsync(HttpStatusCode.Accepted);

        var refused = await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email });
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter?.Delta);
        var unknownRefused = await app.Client().PostJsonAsync("/api/sign-in", new { email = "x@nowhere.test" });
        await unknownRefused.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(5, (await SignInMailAsync(app, nce.Email)).Count);

        await app.AdvanceClockAsync("PT1H");
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email })).JsonAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task ALinkIsReadWithoutBeingUsed_NamingWhoItSignsIn_UntilItIsUsedOrExpires()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email })).JsonAsync(HttpStatusCode.Accepted);
        var code = CodeIn(LinkIn(Assert.Single(await SignInMailAsync(app, nce.Email))["text"].Str()));

        for (var i = 0; i < 3; i++)
        {
            var preview = await (await app.Client().PostJsonAsync("/api/sign-in/preview", new { code })).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("Ana Gómez", preview["name"].Str());
            Assert.Equal(MemApp.Epoch.AddMinutes(15), preview["expiresOn"]!.GetValue<DateTimeOffset>());
            // The name only: nothing that would let the link's reader act or learn more.
            Assert.Equal(["expiresOn", "name"], preview.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        }
        await (await app.Client().PostJsonAsync("/api/sessions", new { code })).JsonAsync(HttpStatusCode.Created);
        var spent = await (await app.Client().PostJsonAsync("/api/sign-in/preview", new { code })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("used already", spent["errors"]!["code"]![0].Str());
        foreach (var body in new[] { "{}", "{\"code\":\"\"}", "{\"code\":\"" + new string('a', 101) + "\"}", "{\"code\":\"not-a-code\"}", "[1]" })
            await (await app.Client().PostRawAsync("/api/sign-in/preview", body)).ProblemAsync(HttpStatusCode.BadRequest);

        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email })).JsonAsync(HttpStatusCode.Accepted);
        var later = Assert.Single((await SignInMailAsync(app, nce.Email)).Select(m => CodeIn(LinkIn(m["text"].Str()))), c => c != code);
        await app.AdvanceClockAsync("PT15M");
        await (await app.Client().PostJsonAsync("/api/sign-in/preview", new { code = later })).ProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>The portal keeps sessions only: an access token typed into it is exchanged for one. A participant ends
    /// all their sessions at once, and a new access token ends them too.</summary>
    [Fact]
    public async Task AnAccessTokenIsExchangedForASession_AndSessionsEndEverywhere_OnRequestAndWithANewToken()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var exchanged = await (await app.Client().PostJsonAsync("/api/sessions", new { accessToken = nce.Token })).JsonAsync(HttpStatusCode.Created);
        var first = exchanged["accessToken"].Str();
        Assert.StartsWith("mems_", first);
        Assert.Equal(nce.Id, exchanged["participant"]!["id"].Str());
        Assert.Equal(MemApp.Epoch.AddHours(12), exchanged["expiresOn"]!.GetValue<DateTimeOffset>());
        foreach (var body in new object[] { new { accessToken = "" }, new { accessToken = "mem_not-a-token" }, new { accessToken = first }, new { accessToken = nce.Token, code = "x" } })
            Assert.NotNull((await (await app.Client().PostJsonAsync("/api/sessions", body)).ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["accessToken"]);

        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email })).JsonAsync(HttpStatusCode.Accepted);
        var second = (await (await app.Client().PostJsonAsync("/api/sessions", new { code = CodeIn(LinkIn(Assert.Single(await SignInMailAsync(app, nce.Email))["text"].Str())) }))
            .JsonAsync(HttpStatusCode.Created))["accessToken"].Str();
        await (await app.Client(second).GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client(first).DeleteAsync("/api/sessions")).StatusCode);
        await (await app.Client(first).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Client(second).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Client(nce.Token).GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        await (await app.Client().DeleteAsync("/api/sessions")).ProblemAsync(HttpStatusCode.Unauthorized);

        var third = (await (await app.Client().PostJsonAsync("/api/sessions", new { accessToken = nce.Token })).JsonAsync(HttpStatusCode.Created))["accessToken"].Str();
        var rotated = await (await app.Admin().PostAsync($"/api/participants/{nce.Id}/token", null)).JsonAsync(HttpStatusCode.OK);
        await (await app.Client(third).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Client(nce.Token).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await app.Client(rotated["accessToken"].Str()).GetAsync("/api/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(await app.RowsAsync("participants", "RowKey ge 'session|' and RowKey lt 'session}'"));
    }

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("{\"email\":\"not-an-address\"}", "email")]
    [InlineData("{\"email\":\"ana@sre.gob.mx\",\"returnTo\":\"https://evil.example/\"}", "returnTo")]
    [InlineData("{\"email\":\"ana@sre.gob.mx\",\"returnTo\":\"//evil.example/\"}", "returnTo")]
    public async Task ABadSignInRequest_Is400_AndSendsNothing(string body, string field)
    {
        await using var app = await MemApp.StartAsync();
        var problem = await (await app.Client().PostRawAsync("/api/sign-in", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Empty(await app.RowsAsync("participants", "RowKey ge 'signin' and RowKey lt 'signio'"));
        await (await app.Client().PostRawAsync("/api/sessions", "{\"code\":\"\"}")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnNce_ListsItsStatesEvaluations_AndNothingElse()
    {
        await using var app = await MemApp.StartAsync();
        var mexico = await app.RegisterAsync("nce", "MEX");
        await app.RegisterAsync("nce", "COL");
        var geg = await app.RegisterAsync("geg", "BRA", expertise: ["IS"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });

        var mine = (await (await app.Client(mexico.Token).GetAsync("/api/me/evaluations")).JsonAsync(HttpStatusCode.OK)).AsArray();
        var evaluation = Assert.Single(mine);
        Assert.Equal(roundId, evaluation!["roundId"].Str());
        Assert.Equal("MEX", evaluation["memberState"].Str());
        Assert.Equal("issued", evaluation["stage"].Str());
        await (await app.Client(geg.Token).GetAsync("/api/me/evaluations")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<string> OpenSessionAsync(MemApp app, string email)
    {
        var before = (await SignInMailAsync(app, email)).Select(m => m["id"].Str()).ToHashSet();
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email })).JsonAsync(HttpStatusCode.Accepted);
        // The manual clock stands still, so the new message is the one not seen before, not the last one listed.
        var mail = Assert.Single(await SignInMailAsync(app, email), m => !before.Contains(m["id"].Str()));
        var session = await (await app.Client().PostJsonAsync("/api/sessions", new { code = CodeIn(LinkIn(mail["text"].Str())) })).JsonAsync(HttpStatusCode.Created);
        return session["accessToken"].Str();
    }

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> SignInMailAsync(MemApp app, string to)
    {
        await app.SignInLinksSentAsync();
        return (await (await app.Admin().GetAsync($"/api/dev/mail?roundId=sign-in&to={Uri.EscapeDataString(to)}")).JsonAsync(HttpStatusCode.OK))
            .AsArray().Select(m => m!).ToList();
    }

    private static string LinkIn(string text) => SignInLink().Match(text).Value;

    private static string CodeIn(string link) => Regex.Match(link, "code=([A-Za-z0-9_-]+)").Groups[1].Value;

    [GeneratedRegex(@"https://mem\.test\.oas\.org/sign-in#\S+")]
    private static partial Regex SignInLink();
}
