using System.Net;
using System.Text.RegularExpressions;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Tests.Deployment;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Participants;

/// <summary>No open redirect: a sign-in may only return to a page of the portal.</summary>
public sealed partial class ReturnPathTests
{
    /// <summary>Each a way to leave the portal's origin (or to run script) after sign-in, or a page that is not one to return to.</summary>
    public static readonly string[] Attacks =
    [
        "https://evil.example/", "//evil.example/", "/\\evil.example", "/https://evil.example/", "/https:/evil.example",
        "javascript:alert(1)", "/javascript:alert(1)", " /rounds", "/rounds ", "/%2F%2Fevil.example", "/%2fevil.example", "/%5Cevil.example",
        "/%252F%252Fevil.example", "/rounds/%2e%2e/%2e%2e//evil.example", "/rounds/../..//evil.example", "/rounds//evil.example",
        "/rounds/x#@evil.example", "/rounds\t/x", "/rounds\n", "/sign-in", "/sign-in?returnTo=//evil.example", "/not-found", "/unknown-page",
        "/rounds/x/countries/MEX/questionnaire/extra", "/rounds?next=https://evil.example", "", "/rounds/x/countries/MEX@evil.example",
        "\u2215\u2215evil.example", "/\u2215evil.example", "/" + new string('a', 1_001),
    ];

    public static readonly string[] PortalPages =
    [
        "/", "/rounds", "/rounds/new", "/rounds/r2027-1", "/rounds/r2027-1/countries/MEX/questionnaire", "/rounds/r2027-1/countries/MEX/submission",
        "/rounds/r2027-1/outbox", "/rounds/r2027-1/assignments", "/assignments", "/participants", "/reports", "/reports/r2027-1/MEX", "/reports?lang=es",
    ];

    [Fact]
    public void OnlyAPortalPage_IsAPlaceToReturnTo()
    {
        Assert.All(Attacks, path => Assert.False(PortalReturnPaths.IsSafe(path), path));
        Assert.All(PortalPages, path => Assert.True(PortalReturnPaths.IsSafe(path), path));
    }

    /// <summary>The rule's routes are the portal's pages (its @page directives), less the sign-in and not-found pages.</summary>
    [Fact]
    public void TheRoutes_AreThePortalsPages()
    {
        var pages = Directory.EnumerateFiles(Repository.Path("portal", "MemWorkflow.Portal"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines).Select(line => PageDirective().Match(line)).Where(m => m.Success)
            .Select(m => Regex.Replace(m.Groups[1].Value, @"\{[^}]+\}", "{x}")).Where(p => p is not "/sign-in" and not "/not-found");
        Assert.Equal(pages.Order(StringComparer.Ordinal), PortalReturnPaths.Routes.Order(StringComparer.Ordinal));
        // And the portal applies this very rule: it compiles the same file.
        Assert.Contains("functions/MemWorkflow.Core/Participants/PortalReturnPaths.cs", File.ReadAllText(Repository.Path("portal", "MemWorkflow.Portal", "MemWorkflow.Portal.csproj")));
    }

    [Fact]
    public async Task ASignInRequestToReturnElsewhere_Is400_AndSendsNothing_APortalPageGoesIntoTheLink()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");
        foreach (var attack in Attacks.Where(a => a.Length > 0))
        {
            var problem = await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email, returnTo = attack })).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["returnTo"]);
        }
        Assert.Empty(await app.RowsAsync("participants", "RowKey ge 'signin|' and RowKey lt 'signin}'"));

        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email, returnTo = "/reports?lang=es" })).JsonAsync(HttpStatusCode.Accepted);
        await app.SignInLinksSentAsync();
        var mail = Assert.Single((await (await app.Admin().GetAsync($"/api/dev/mail?roundId=sign-in&to={Uri.EscapeDataString(nce.Email)}")).JsonAsync(HttpStatusCode.OK)).AsArray());
        Assert.EndsWith("&returnTo=%2Freports%3Flang%3Des", LinkIn(mail!["text"].Str()), StringComparison.Ordinal);
    }

    private static string LinkIn(string text) => Link().Match(text).Value;

    [GeneratedRegex(@"^\s*@page\s+""([^""]+)""")]
    private static partial Regex PageDirective();

    [GeneratedRegex(@"https://\S+sign-in#\S+")]
    private static partial Regex Link();
}
