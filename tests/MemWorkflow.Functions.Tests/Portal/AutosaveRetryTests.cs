using System.Net;
using Azure.Core.Pipeline;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>Issue 18: an autosave whose answer never reached the browser is sent again with its
/// Idempotency-Key before the next one, so the NCE never meets her own save as a conflict.</summary>
[Collection(PortalCollection.Name)]
public sealed class AutosaveRetryTests(PortalBrowser browser)
{
    private const string Item = "1.1 (International Cooperation)";
    private const string AnasText = "Ana: the INL agreement of 2021 funds training of prosecutors.";

    [Fact]
    public Task AnAutosaveWhoseAnswerWasLost_IsConfirmedBeforeTheNextSave_WithoutAConflictOrADoubleSave() => browser.RunAsync("autosave-retry", async () =>
    {
        var lost = new LostResponse();
        await using var app = await browser.StartAppAsync(configureServices: s => s.AddSingleton<HttpPipelinePolicy>(lost));
        var ana = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" }, excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"] } });
        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(ana.Token, $"/rounds/{roundId}/countries/MEX/questionnaire");

        // The save commits, but its answer is lost on the way back: the browser is told 503.
        await Narrative(page).FillAsync(AnasText);
        lost.Arm("answer|MEX|IC-1.1", sdkRetries: false);
        await page.GetByLabel($"Status of priority action {Item}", new() { Exact = true }).SelectOptionAsync("notImplemented");
        await Status(page).GetByText("Not saved: see the problem below.", new() { Exact = true }).WaitForAsync();
        Assert.Equal(1, lost.Lost);

        // She types on: the lost save is sent again first (its key answers it as committed, version 1), then
        // the new text on top of it. No conflict with herself, nothing saved twice.
        await Narrative(page).FillAsync(AnasText + " It also trains judges.");
        await Narrative(page).BlurAsync();
        await Status(page).GetByText("Saved", new() { Exact = true }).WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Dialog, new() { Name = "Someone else changed this answer" }).CountAsync());
        var questionnaire = await (await app.Client(ana.Token).GetAsync($"/api/rounds/{roundId}/countries/MEX/questionnaire")).JsonAsync(HttpStatusCode.OK);
        var answer = questionnaire["items"]!.AsArray().Single(i => i!["priorityActionId"].Str() == "IC-1.1")!["answer"]!;
        Assert.Equal((2, AnasText + " It also trains judges."), (answer["version"]!.GetValue<int>(), answer["text"].Str()));
        var saves = await app.RowsAsync("rounds", $"PartitionKey eq '{roundId}' and RowKey ge 'evt|MEX|' and RowKey lt 'evt|MEX}}'");
        Assert.Equal(2, saves.Count(r => r.GetString("Type") == "answerSaved"));
        // The only error the browser logged is the simulated 503.
        Assert.All(browser.ErrorsOf(app), e => Assert.Contains("the server responded with a status of 503", e));
    });

    private static ILocator Narrative(IPage page) => page.GetByLabel($"Narrative of priority action {Item}", new() { Exact = true });

    private static ILocator Status(IPage page) => page.Locator("article:has(h4:text-is('Priority action 1.1')) [role=status]");
}
