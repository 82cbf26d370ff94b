using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>What an NCE user types is kept: a narrative written before a status is chosen is saved as a
/// draft (the submission then asks for the status), and the portal asks before a page with an answer not
/// yet stored is left.</summary>
[Collection(PortalCollection.Name)]
public sealed class AutosaveDraftTests(PortalBrowser browser)
{
    private const string Item = "1.1 (International Cooperation)";
    private const string Narrative = "Mexico's 2021 agreement with Colombia funds joint training of prosecutors.";

    [Fact]
    public Task ANarrativeTypedBeforeItsStatus_IsSaved_AndLeavingWithUnsavedTextAsksFirst() => browser.RunAsync("autosave-draft", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var ana = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" }, excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"] } });
        var path = $"/rounds/{roundId}/countries/MEX/questionnaire";
        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(ana.Token, path);

        // Typed, no status: saved as it is.
        await NarrativeOf(page).FillAsync(Narrative);
        await NarrativeOf(page).BlurAsync();
        await page.Locator("article:has(h4:text-is('Priority action 1.1')) [role=status]").GetByText("Saved", new() { Exact = true }).WaitForAsync();
        var answer = await PortalPages.StoredAnswerAsync(app, ana, roundId);
        Assert.Equal(Narrative, answer["text"].Str());
        Assert.Null(answer["status"]);
        await page.ReloadAsync();
        await NarrativeOf(page).WaitForAsync();
        Assert.Equal(Narrative, await NarrativeOf(page).InputValueAsync());
        // ... not counted as an answer, and the submission check names what is missing.
        var submit = await (await app.Client(ana.Token).PostAsync($"/api/rounds/{roundId}/countries/MEX/submission", null)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("No status chosen", submit["errors"]!["IC-1.1"]![0].Str());

        // A save that has not come back: leaving the page inside the portal asks first, and "stay" keeps the text.
        var held = new TaskCompletionSource<IRoute>();
        await page.RouteAsync("**/answers/IC-1.1", route => { held.TrySetResult(route); return Task.CompletedTask; });
        await NarrativeOf(page).FillAsync(Narrative + " It was renewed in 2023.");
        await NarrativeOf(page).BlurAsync();
        var route = await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var asked = new List<string>();
        page.Dialog += async (_, dialog) => { asked.Add($"{dialog.Type}: {dialog.Message}"); await dialog.DismissAsync(); };
        await page.Link("Back to the evaluation").ClickAsync();
        for (var waited = 0; asked.Count == 0 && waited < 300; waited++)
            await Task.Delay(100);
        Assert.Equal("confirm: An answer is not saved yet. Leave this page and lose it?", Assert.Single(asked));
        Assert.EndsWith(path, new Uri(page.Url).AbsolutePath);
        Assert.Equal(Narrative + " It was renewed in 2023.", await NarrativeOf(page).InputValueAsync());

        // Once the save is through, nothing is asked.
        await route.ContinueAsync();
        await page.Locator("article:has(h4:text-is('Priority action 1.1')) [role=status]").GetByText("Saved", new() { Exact = true }).WaitForAsync();
        await page.UnrouteAsync("**/answers/IC-1.1");
        await page.Link("Back to the evaluation").ClickAsync();
        await page.ArrivedAsync(url => url.AbsolutePath == $"/rounds/{roundId}/countries/MEX");
        Assert.Single(asked);
        Assert.Equal(Narrative + " It was renewed in 2023.", (await PortalPages.StoredAnswerAsync(app, ana, roundId))["text"].Str());
        Assert.Empty(browser.ErrorsOf(app));
    });

    private static ILocator NarrativeOf(IPage page) => page.GetByLabel($"Narrative of priority action {Item}", new() { Exact = true });
}
