using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>axe-core on every route of the portal, as each kind of person sees it (the flows of the
/// other portal tests check the pages in their later states).</summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalBrowser browser)
{
    [Fact]
    public Task EveryPage_HasNoSeriousOrCriticalAxeViolation() => browser.RunAsync("axe", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        await (await app.Client(nce.Token).SaveAnswerAsync(roundId, "MEX", "IC-1.1", "notImplemented", "No measure.")).JsonAsync(HttpStatusCode.OK);

        var visitor = await browser.NewPageAsync(app);
        foreach (var (path, name) in new[] { ("/", "public-home"), ("/sign-in", "sign-in"), ("/reports", "reports"), ("/no/such/page", "not-found") })
            await VisitAsync(visitor, path, name);

        var memUnit = await browser.NewPageAsync(app);
        await memUnit.SignInWithTokenAsync(app.AdminToken);
        await browser.CheckAsync(memUnit, "axe-memunit-home");
        foreach (var (path, name) in new[]
        {
            ("/rounds", "rounds"), ("/rounds/new", "new-round"), ($"/rounds/{roundId}", "round"), ($"/rounds/{roundId}/assignments", "assignments"),
            ($"/rounds/{roundId}/outbox", "outbox"), ($"/rounds/{roundId}/countries/MEX", "memunit-evaluation"),
            ($"/rounds/{roundId}/countries/MEX/questionnaire", "memunit-questionnaire"), ("/participants", "participants"),
        })
            await VisitAsync(memUnit, path, name);

        var country = await browser.NewPageAsync(app);
        await country.SignInWithTokenAsync(nce.Token);
        await browser.CheckAsync(country, "axe-nce-home");
        await VisitAsync(country, $"/rounds/{roundId}/countries/MEX", "nce-evaluation");
        await VisitAsync(country, $"/rounds/{roundId}/countries/MEX/questionnaire", "nce-questionnaire-three-pillars");
        Assert.Empty(browser.ErrorsOf(app));
    });

    private async Task VisitAsync(Microsoft.Playwright.IPage page, string path, string name)
    {
        await page.GotoAsync(path);
        await page.HeadingAsync();
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await browser.CheckAsync(page, $"axe-{name}");
    }
}
