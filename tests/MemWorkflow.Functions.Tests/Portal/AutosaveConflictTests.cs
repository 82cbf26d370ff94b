using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>Two NCE users of one state answer the same priority action at once: the second save meets
/// the first one's version, and the portal asks which to keep instead of overwriting either.</summary>
[Collection(PortalCollection.Name)]
public sealed class AutosaveConflictTests(PortalBrowser browser)
{
    private const string Item = "1.1 (International Cooperation)";
    private const string AnasText = "Ana: the INL agreement of 2021 funds training of prosecutors.";
    private const string BrunosText = "Bruno: the bilateral strategy of 1998 was renewed in 2022.";

    [Fact]
    public Task AConflictingAutosave_ShowsTheDialog_AndLosesNothing() => browser.RunAsync("autosave-conflict", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var ana = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var bruno = await app.RegisterAsync("nce", "MEX", name: "Bruno Díaz");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" }, excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"] } });
        var path = $"/rounds/{roundId}/countries/MEX/questionnaire";
        var first = await browser.NewPageAsync(app);
        await first.SignInWithTokenAsync(ana.Token, path);
        var second = await browser.NewPageAsync(app);
        await second.SignInWithTokenAsync(bruno.Token, path);
        await second.GetByLabel($"Status of priority action {Item}", new() { Exact = true }).WaitForAsync();

        // Ana saves first; Bruno, who opened the questionnaire before, saves over a version he never saw.
        await first.GetByLabel($"Status of priority action {Item}", new() { Exact = true }).SelectOptionAsync("notImplemented");
        await Narrative(first).FillAsync(AnasText);
        await Narrative(first).BlurAsync();
        await SavedAsync(first);
        await Narrative(second).FillAsync(BrunosText);
        await second.GetByLabel($"Status of priority action {Item}", new() { Exact = true }).SelectOptionAsync("partiallyImplemented");

        var dialog = second.GetByRole(AriaRole.Dialog, new() { Name = "Someone else changed this answer" });
        await dialog.WaitForAsync();
        await dialog.GetByText(AnasText).WaitForAsync();
        await dialog.GetByText(BrunosText).WaitForAsync();
        await dialog.GetByText("Saved by Ana Gómez").WaitForAsync();
        Assert.Equal("Keep my version", await second.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await browser.CheckAsync(second, "autosave-conflict-dialog");
        var anas = await PortalPages.StoredAnswerAsync(app, ana, roundId);
        Assert.Equal(AnasText, anas["text"].Str());

        await dialog.Button("Keep my version").ClickAsync();
        await SavedAsync(second);
        var kept = await PortalPages.StoredAnswerAsync(app, ana, roundId);
        Assert.Equal(BrunosText, kept["text"].Str());
        Assert.Equal("partiallyImplemented", kept["status"].Str());
        Assert.Equal(anas["version"]!.GetValue<int>() + 1, kept["version"]!.GetValue<int>());

        // Ana goes on typing on her old version: she is asked too, and what she typed stays in her field until she chooses.
        await Narrative(first).FillAsync(AnasText + " It also trains judges.");
        await Narrative(first).BlurAsync();
        var hers = first.GetByRole(AriaRole.Dialog, new() { Name = "Someone else changed this answer" });
        await hers.GetByText(BrunosText).WaitForAsync();
        await first.Keyboard.PressAsync("Escape");
        await hers.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        Assert.Equal(AnasText + " It also trains judges.", await Narrative(first).InputValueAsync());
        await first.Button("Resolve the conflict").ClickAsync();
        await hers.Button("Take their version").ClickAsync();
        Assert.Equal(BrunosText, await Narrative(first).InputValueAsync());
        Assert.Equal(kept.ToJsonString(), (await PortalPages.StoredAnswerAsync(app, ana, roundId)).ToJsonString());
        Assert.Empty(browser.ErrorsOf(app));
    });

    private static ILocator Narrative(IPage page) => page.GetByLabel($"Narrative of priority action {Item}", new() { Exact = true });

    private static Task SavedAsync(IPage page) =>
        page.Locator("article:has(h4:text-is('Priority action 1.1')) [role=status]").GetByText("Saved", new() { Exact = true }).WaitForAsync();
}
