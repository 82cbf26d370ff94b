using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>Who may see what, as the portal shows it: another state's NCE never reaches Mexico's pages,
/// and an expert never sees the evaluation of the state that designated them.</summary>
[Collection(PortalCollection.Name)]
public sealed class AccessTests(PortalBrowser browser)
{
    private const string MexicosWords = "Mexico's confidential narrative on bilateral cooperation";

    [Fact]
    public Task AnotherStatesNce_CannotReachMexicosPages() => browser.RunAsync("access-nce", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var mexico = await app.RegisterAsync("nce", "MEX");
        var colombia = await app.RegisterAsync("nce", "COL");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        await (await app.Client(mexico.Token).SaveAnswerAsync(roundId, "MEX", "IC-1.1", "notImplemented", MexicosWords)).JsonAsync(HttpStatusCode.OK);

        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(colombia.Token);
        var evaluations = page.GetByRole(AriaRole.Table);
        await evaluations.GetByText(roundId).First.WaitForAsync();
        Assert.Equal(0, await page.GetByText("MEX", new() { Exact = true }).CountAsync());
        Assert.Equal(0, await page.GetByText("Mexico").CountAsync());
        await browser.CheckAsync(page, "access-nce-home");

        foreach (var path in new[] { "", "/questionnaire", "/submission" })
        {
            await page.GotoAsync($"/rounds/{roundId}/countries/MEX{path}");
            await page.HeadingAsync();
            await page.GetByRole(AriaRole.Alert).GetByText("Not found").WaitForAsync();
            Assert.Equal(0, await page.GetByText(MexicosWords).CountAsync());
            Assert.Equal(0, await page.GetByLabel("Status of priority action 1.1 (International Cooperation)", new() { Exact = true }).CountAsync());
        }
        await browser.CheckAsync(page, "access-nce-refused");

        // Its own state's questionnaire opens.
        await page.GotoAsync($"/rounds/{roundId}/countries/COL/questionnaire");
        await page.GetByLabel("Status of priority action 1.1 (International Cooperation)", new() { Exact = true }).WaitForAsync();
        Assert.Empty(browser.ErrorsOf(app));
    });

    [Fact]
    public Task AnExpert_NeverSeesTheirOwnState() => browser.RunAsync("access-expert", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var mexico = await app.RegisterAsync("nce", "MEX");
        var mexican = await app.RegisterAsync("geg", "MEX", name: "Mateo Ruiz", expertise: ["IS", "RIME", "IC"]);
        await app.RegisterAsync("geg", "COL", expertise: ["IS", "RIME", "IC"]);
        await app.RegisterAsync("geg", "BRA", expertise: ["IS", "RIME", "IC"]);
        await app.RegisterAsync("consultant", "CAN", expertise: ["IS", "RIME", "IC"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        await (await app.Client(mexico.Token).SaveAnswerAsync(roundId, "MEX", "IC-1.1", "notImplemented", MexicosWords)).JsonAsync(HttpStatusCode.OK);
        var (colombiasExperts, _) = await app.AssignAsync(roundId, "COL");
        Assert.Contains(mexican.Id, colombiasExperts);
        await app.SettleAsync(roundId);

        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(mexican.Token, "/assignments");
        var assigned = page.GetByRole(AriaRole.Table, new() { Name = "Evaluations assigned to you" });
        await assigned.GetByRole(AriaRole.Link, new() { Name = "Colombia" }).WaitForAsync();
        Assert.Equal(0, await assigned.GetByText("Mexico").CountAsync());
        await browser.CheckAsync(page, "access-expert-assignments");

        foreach (var path in new[] { "", "/submission" })
        {
            await page.GotoAsync($"/rounds/{roundId}/countries/MEX{path}");
            await page.HeadingAsync();
            await page.GetByRole(AriaRole.Alert).GetByText("Not found").WaitForAsync();
            Assert.Equal(0, await page.GetByText(MexicosWords).CountAsync());
        }
        await browser.CheckAsync(page, "access-expert-refused");
        Assert.Empty(browser.ErrorsOf(app));
    });
}
