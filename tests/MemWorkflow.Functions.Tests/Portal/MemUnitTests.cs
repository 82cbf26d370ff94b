using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>The MEM Unit's two ways out of trouble, in the portal: a round that cannot be staffed is
/// explained in MEM terms, and an email the provider refused is retried from the outbox.</summary>
[Collection(PortalCollection.Name)]
public sealed class MemUnitTests(PortalBrowser browser)
{
    /// <summary>Every checkbox of the MEM Unit's forms sits on one line with its label, the label after it.</summary>
    [Fact]
    public Task EveryCheckbox_SharesItsLineWithItsLabel() => browser.RunAsync("checkboxes", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(app.AdminToken, "/participants");
        var checkedPages = 0;
        foreach (var path in new[] { "/participants", "/rounds/new" })
        {
            await page.GotoAsync(path);
            await page.HeadingAsync();
            var boxes = page.Locator("input[type=checkbox]");
            await boxes.First.WaitForAsync();
            // The expertise boxes come with the catalogue: counted before it arrived, a busy CI run saw only 5 boxes in all.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var count = await boxes.CountAsync();
            Assert.True(count >= 1, $"{path}: {count} checkboxes");
            for (var i = 0; i < count; i++)
            {
                var box = boxes.Nth(i);
                if (!await box.IsVisibleAsync())
                    continue;
                var label = page.Locator($"label[for='{await box.GetAttributeAsync("id")}']");
                var (b, l) = ((await box.BoundingBoxAsync())!, (await label.BoundingBoxAsync())!);
                var (boxMiddle, labelMiddle) = (b.Y + b.Height / 2, l.Y + l.Height / 2);
                Assert.True(Math.Abs(boxMiddle - labelMiddle) < Math.Max(b.Height, 12), $"{path}: the label '{await label.InnerTextAsync()}' is not on its checkbox's line ({boxMiddle:F0} vs {labelMiddle:F0}).");
                Assert.True(l.X > b.X, $"{path}: the label '{await label.InnerTextAsync()}' is not after its checkbox.");
                checkedPages++;
            }
        }
        Assert.True(checkedPages >= 6, $"{checkedPages} checkboxes checked");
        await browser.CheckAsync(page, "checkboxes");

        // The preferred language is asked for, and comes first: the participant's emails are written in it.
        await page.GotoAsync("/participants");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("nce");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Ana Gómez");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("ana.gomez@sre.gob.mx");
        await page.GetByLabel("Member state", new() { Exact = true }).FillAsync("MEX");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "English" }).CheckAsync();
        await page.GetByLabel("Preferred language", new() { Exact = true }).SelectOptionAsync("es");
        await page.Button("Register the participant").ClickAsync();
        await page.GetByText("mem_").First.WaitForAsync();
        var ana = (await (await app.Admin().GetAsync("/api/participants?role=nce")).JsonAsync(System.Net.HttpStatusCode.OK)).AsArray().Single()!;
        Assert.Equal(["es", "en"], ana["languages"]!.AsArray().Select(l => l.Str()));
    });

    [Fact]
    public Task AnUnstaffableRound_IsExplained_CountryPillarAndEveryExcludedExpert() => browser.RunAsync("infeasible", async () =>
    {
        await using var app = await browser.StartAppAsync();
        await app.RegisterAsync("geg", "MEX", name: "Mateo Ruiz", expertise: ["IC"]);
        await app.RegisterAsync("geg", "COL", name: "Lucía Herrera", expertise: ["IC"]);
        await app.RegisterAsync("consultant", "CAN", expertise: ["IC"]);
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" },
            excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"] },
        });

        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(app.AdminToken, $"/rounds/{roundId}/assignments");
        await page.Button("Request a proposal").ClickAsync();
        var explanation = page.GetByRole(AriaRole.Alert);
        await explanation.GetByText("Mateo Ruiz: designated by this state").WaitForAsync();
        await explanation.GetByText("International Cooperation").First.WaitForAsync();
        Assert.Equal(0, await page.Button("Commit the assignment").CountAsync());
        await browser.CheckAsync(page, "infeasible-proposal");
        Assert.Empty(browser.ErrorsOf(app));
    });

    [Fact]
    public Task AnEmailTheProviderRefused_IsListedInTheOutbox_AndRetriedFromIt() => browser.RunAsync("outbox", async () =>
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (n, _) => n == 1 ? new FakeAnswer(400) : FakeAnswer.Accepted;
        await using var app = await browser.StartAppAsync(new Dictionary<string, string?>
        {
            ["Mem:Email:Mode"] = "sendgrid",
            ["Mem:Email:SendGridHost"] = fake.Address.ToString(),
            ["Mem:Email:SendGridApiKey"] = "test-key-not-a-secret",
        });
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        // The refusal is recorded by the evaluation's workflow once the round has started.
        for (var tries = 0; !(await (await app.Admin().GetAsync($"/api/rounds/{roundId}/outbox")).Content.ReadAsStringAsync()).Contains("failed", StringComparison.Ordinal); tries++)
        {
            Assert.True(tries < 100, "The refused email never showed as failed.");
            await Task.Delay(100);
        }

        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(app.AdminToken, $"/rounds/{roundId}/outbox");
        var outbox = page.GetByRole(AriaRole.Table, new() { Name = "Emails not yet delivered, and failed ones" });
        await outbox.GetByRole(AriaRole.Rowheader, new() { Name = nce.Email }).WaitForAsync();
        await outbox.GetByText("Failed", new() { Exact = true }).WaitForAsync();
        await outbox.GetByText("400").First.WaitForAsync();
        await browser.CheckAsync(page, "outbox-failed");

        await page.Button($"Retry {nce.Email}").ClickAsync();
        await page.GetByText($"The email to {nce.Email} will be sent again.").WaitForAsync();
        await app.SettleAsync(roundId);
        Assert.Contains(fake.Delivered, m => m.ToJsonString().Contains(nce.Email, StringComparison.Ordinal));
        await page.ReloadAsync();
        await page.GetByText("Every email of this round has been delivered.").WaitForAsync();
        await browser.CheckAsync(page, "outbox-delivered");
        Assert.Empty(browser.ErrorsOf(app));
    });

    /// <summary>A long history comes a page at a time: the newest 200 events, then the earlier ones on request.</summary>
    [Fact]
    public Task ALongHistory_ShowsTheNewestEvents_AndTheEarlierOnesOnRequest() => browser.RunAsync("history", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var nce = app.Client((await app.RegisterAsync("nce", "MEX")).Token);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        for (var version = 0; version < 210; version++)
            await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "notImplemented", $"Draft {version + 1}.", ifMatch: version == 0 ? null : version))
                .JsonAsync(HttpStatusCode.OK);

        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(app.AdminToken, $"/rounds/{roundId}/countries/MEX");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });
        await timeline.GetByText("Answer to IS-1.1 saved (notImplemented, version 210, 0 documents).").WaitForAsync();
        Assert.Equal(200, await timeline.Locator("tbody tr").CountAsync());
        Assert.Equal(0, await timeline.GetByText("Questionnaire issued", new() { Exact = false }).CountAsync());

        await timeline.GetByRole(AriaRole.Button, new() { Name = "Show earlier events" }).ClickAsync();
        await timeline.GetByText("Questionnaire issued", new() { Exact = false }).WaitForAsync();
        Assert.Equal(211, await timeline.Locator("tbody tr").CountAsync());
        Assert.Equal(0, await timeline.GetByRole(AriaRole.Button, new() { Name = "Show earlier events" }).CountAsync());
        await browser.CheckAsync(page, "history-earlier");
        Assert.Empty(browser.ErrorsOf(app));
    });
}
