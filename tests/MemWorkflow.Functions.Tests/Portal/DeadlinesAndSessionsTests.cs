using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>Time in the portal: a session ends and the person signs in again where they were; the MEM
/// Unit moves a deadline; an expert who cannot serve declines and is replaced.</summary>
[Collection(PortalCollection.Name)]
public sealed class DeadlinesAndSessionsTests(PortalBrowser browser)
{
    [Fact]
    public Task AnExpiredSession_SendsThePersonToSignIn_AndBackToThePageTheyWereOn() => browser.RunAsync("session-expiry", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        var questionnaire = $"/rounds/{roundId}/countries/MEX/questionnaire";
        var page = await browser.NewPageAsync(app);
        var issued = Assert.Single(await PortalPages.InboxAsync(app, nce.Email, "questionnaireIssued"));
        await page.OpenSignedInAsync(app, Assert.Single(PortalPages.LinksIn(issued["text"].Str())), nce.Email);

        await app.AdvanceClockAsync("PT12H1M");
        await page.ReloadAsync();
        await page.ArrivedAsync(url => url.PathAndQuery.Contains("/sign-in?returnTo=", StringComparison.Ordinal));
        Assert.Contains(Uri.EscapeDataString(questionnaire), page.Url);
        await browser.CheckAsync(page, "session-expired");

        await page.OpenSignedInAsync(app, new Uri(new Uri(page.Url), questionnaire).ToString(), nce.Email);
        Assert.EndsWith(questionnaire, page.Url);
        Assert.Empty(browser.ErrorsOf(app));
    });

    [Fact]
    public Task TheMemUnitExtendsADeadline_AndAnExpertDeclines_InThePortal() => browser.RunAsync("extension-decline", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var experts = new List<Registered>();
        foreach (var state in new[] { "COL", "BRA", "PER" })
            experts.Add(await app.RegisterAsync("geg", state, expertise: ["IC"]));
        await app.RegisterAsync("consultant", "CAN", expertise: ["IC"]);
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" },
            excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"] },
        });
        var (assigned, _) = await app.AssignAsync(roundId, "MEX");

        var memUnit = await browser.NewPageAsync(app);
        await memUnit.SignInWithTokenAsync(app.AdminToken, $"/rounds/{roundId}/countries/MEX");
        await memUnit.GetByLabel("New due date", new() { Exact = true }).FillAsync("2027-05-14");
        await memUnit.GetByLabel("Reason for the extension", new() { Exact = true }).FillAsync("Congress recess in April.");
        await memUnit.Button("Grant the extension").ClickAsync();
        await memUnit.GetByText("The deadline is now 2027-05-14").WaitForAsync();
        await browser.CheckAsync(memUnit, "extension-granted");
        var country = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        Assert.StartsWith("2027-05-14", country["due"].Str());
        Assert.Single(await PortalPages.InboxAsync(app, nce.Email, "deadlineExtended"));

        var declining = experts.Single(e => e.Id == assigned[0]);
        var expert = await browser.NewPageAsync(app);
        await expert.SignInWithTokenAsync(declining.Token, $"/rounds/{roundId}/countries/MEX");
        await expert.GetByText("Decline this assignment").ClickAsync();
        await expert.GetByLabel("Reason for declining", new() { Exact = true }).FillAsync("I advised Mexico's drug commission last year.");
        await expert.Button("Decline the assignment").ClickAsync();
        await expert.GetByText("You declined").WaitForAsync();
        await browser.CheckAsync(expert, "declined");
        var assignment = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        var seats = assignment["evaluations"]![0]!["experts"]!.AsArray().Select(e => e.Str()).ToList();
        Assert.DoesNotContain(declining.Id, seats);
        Assert.Equal(2, seats.Count);
        await app.SettleAsync(roundId);
        Assert.Single(await PortalPages.InboxAsync(app, "mem-unit@localhost.test", "expertDeclined"));
        Assert.Empty(browser.ErrorsOf(app));
    });
}
