using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>One state's whole evaluation through the portal, by the people who do it, each in their
/// own browser; every page they see is screenshotted and checked with axe-core.</summary>
[Collection(PortalCollection.Name)]
public sealed class WholeEvaluationTests(PortalBrowser browser)
{
    private static readonly string[] ItemsOfInternationalCooperation = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4"];

    [Fact]
    public Task MexicosEvaluation_FromTheRoundsStartToThePublishedReport_InTheBrowserOnly() =>
        browser.RunAsync("whole-evaluation", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var colombia = await app.RegisterAsync("geg", "COL", name: "Lucía Herrera", languages: ["en", "es"], expertise: ["IC"]);
        var brazil = await app.RegisterAsync("geg", "BRA", name: "João Pereira", languages: ["en", "pt"], expertise: ["IC"]);
        var consultant = await app.RegisterAsync("consultant", "CAN", name: "Claire Martin", languages: ["en", "fr"], expertise: ["IC"]);

        // The MEM Unit registers Mexico's NCE and starts the 2023 round for Mexico, on International Cooperation only.
        var memUnit = await browser.NewPageAsync(app);
        await memUnit.SignInWithTokenAsync(app.AdminToken, "/participants");
        await browser.CheckAsync(memUnit, "01-participants");
        await memUnit.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("nce");
        await memUnit.GetByLabel("Name", new() { Exact = true }).FillAsync("Ana Gómez");
        await memUnit.GetByLabel("Email", new() { Exact = true }).FillAsync("ana.gomez@sre.gob.mx");
        await memUnit.GetByLabel("Member state", new() { Exact = true }).FillAsync("MEX");
        await memUnit.GetByLabel("Preferred language", new() { Exact = true }).SelectOptionAsync("en");
        await memUnit.Button("Register the participant").ClickAsync();
        await memUnit.GetByText("mem_").First.WaitForAsync();
        await browser.CheckAsync(memUnit, "02-participant-registered");

        await memUnit.Link("Rounds").ClickAsync();
        await memUnit.Link("Start a round").First.ClickAsync();
        await memUnit.HeadingAsync();
        await memUnit.GetByLabel("Thematic evaluation", new() { Exact = true }).SelectOptionAsync("R8-2023");
        await memUnit.GetByLabel("Member states", new() { Exact = true }).FillAsync("MEX");
        await memUnit.GetByText("Excluded pillars per member state").ClickAsync();
        var exclusions = memUnit.GetByRole(AriaRole.Group, new() { Name = "Pillars excluded for Mexico" });
        await exclusions.GetByRole(AriaRole.Checkbox, new() { Name = "Institutional Strengthening" }).CheckAsync();
        await exclusions.GetByRole(AriaRole.Checkbox, new() { Name = "Research, Information, Monitoring, and Evaluation" }).CheckAsync();
        await browser.CheckAsync(memUnit, "03-new-round");
        await memUnit.Button("Start the round").ClickAsync();
        await memUnit.ArrivedAsync(url => url.AbsolutePath.StartsWith("/rounds/r2023-", StringComparison.Ordinal));
        var roundId = new Uri(memUnit.Url).AbsolutePath.Split('/')[2];
        await app.SettleAsync(roundId);
        await memUnit.ReloadAsync();
        await memUnit.GetByRole(AriaRole.Table, new() { Name = "Country evaluations" }).GetByText("Mexico").WaitForAsync();
        await browser.CheckAsync(memUnit, "04-round");

        // The NCE follows the emailed link, signs in through a link sent to the same inbox, and answers.
        var issued = Assert.Single(await PortalPages.InboxAsync(app, "ana.gomez@sre.gob.mx", "questionnaireIssued"));
        var questionnaireLink = Assert.Single(PortalPages.LinksIn(issued["text"].Str()));
        Assert.EndsWith($"/rounds/{roundId}/countries/MEX/questionnaire", questionnaireLink, StringComparison.Ordinal);
        var nce = await browser.NewPageAsync(app);
        await nce.OpenSignedInAsync(app, questionnaireLink, "ana.gomez@sre.gob.mx");
        await nce.GetByLabel("Status of priority action 1.1 (International Cooperation)", new() { Exact = true }).WaitForAsync();
        await browser.CheckAsync(nce, "05-questionnaire");

        // Three claims of compliance, each proven by one of the seed documents, uploaded with progress.
        for (var i = 0; i < 3; i++)
        {
            var number = ItemsOfInternationalCooperation[i];
            await AnswerAsync(nce, number, "implemented", $"Mexico reports, for priority action {number}, the cooperation set out in the attached document.");
            await UploadAsync(nce, number, Evidence.SeedFiles[i]);
        }
        await browser.CheckAsync(nce, "06-questionnaire-uploaded");
        // Three more answered without evidence, one claimed without its evidence, one left blank: the gaps.
        foreach (var number in ItemsOfInternationalCooperation[3..6])
            await AnswerAsync(nce, number, "notImplemented", $"No measure was adopted for priority action {number} during the period.");
        await AnswerAsync(nce, "2.4", "partiallyImplemented", "A bilateral memorandum was signed; its implementation is under way.");

        await nce.Button("Check before submitting").ClickAsync();
        var gaps = nce.GetByRole(AriaRole.Link, new() { Name = "Priority action 2.4 (International Cooperation)" });
        await gaps.First.WaitForAsync();
        await browser.CheckAsync(nce, "07-questionnaire-gaps");
        await gaps.First.ClickAsync();
        await AttachExistingAsync(nce, "2.4", Evidence.SeedFiles[2]);
        await nce.Button("Submit the questionnaire").ClickAsync();
        await nce.GetByText("The answers are now frozen.", new() { Exact = false }).WaitForAsync();
        await app.SettleAsync(roundId);
        await AssertStageAsync(app, roundId, "submitted");
        await browser.CheckAsync(nce, "08-questionnaire-submitted");

        // The MEM Unit asks for a proposal, reviews the grid and commits it: only now are experts emailed.
        await memUnit.GotoAsync($"/rounds/{roundId}/assignments");
        await memUnit.HeadingAsync();
        await memUnit.Button("Request a proposal").ClickAsync();
        await memUnit.GetByRole(AriaRole.Table, new() { Name = "Proposed assignment" }).WaitForAsync();
        await browser.CheckAsync(memUnit, "09-assignment-proposal");
        Assert.Empty(await PortalPages.InboxAsync(app, colombia.Email, "assignment"));
        await memUnit.Button("Commit the assignment").ClickAsync();
        await memUnit.GetByRole(AriaRole.Table, new() { Name = "Committed assignment" }).WaitForAsync();
        await app.SettleAsync(roundId);
        await AssertStageAsync(app, roundId, "inReview");
        Assert.Single(await PortalPages.InboxAsync(app, colombia.Email, "assignment"));

        // An expert drafts, the consultant asks for changes, the expert revises, the consultant approves.
        var expert = await browser.NewPageAsync(app);
        await expert.SignInWithTokenAsync(colombia.Token, "/assignments");
        await browser.CheckAsync(expert, "10-my-assignments");
        await expert.GetByRole(AriaRole.Link, new() { Name = "Mexico" }).First.ClickAsync();
        await expert.GetByLabel("Evaluative summary of objective IC-1", new() { Exact = true }).WaitForAsync();
        await browser.CheckAsync(expert, "11-expert-draft");
        await SummarizeAsync(expert, "IC-1", "CICAD notes with satisfaction that Mexico cooperates with the countries of the hemisphere through bilateral agreements.");
        await SummarizeAsync(expert, "IC-2", "CICAD observes that the country has not yet evaluated its international cooperation programmes.");
        await expert.Button("Submit the draft").ClickAsync();
        await expert.GetByText("Draft submitted").WaitForAsync();
        await app.SettleAsync(roundId);
        await AssertStageAsync(app, roundId, "consultantReview");

        var review = await browser.NewPageAsync(app);
        await review.SignInWithTokenAsync(consultant.Token, $"/rounds/{roundId}/countries/MEX");
        await review.GetByLabel("Comment of objective IC-2", new() { Exact = true }).WaitForAsync();
        await browser.CheckAsync(review, "12-consultant-review");
        await review.GetByLabel("Comment of objective IC-2", new() { Exact = true }).FillAsync("Name the programmes that were not evaluated.");
        await review.Button("Request changes").ClickAsync();
        await review.GetByText("Changes requested;").WaitForAsync();
        await app.SettleAsync(roundId);
        await AssertStageAsync(app, roundId, "revisionRequested");

        await expert.ReloadAsync();
        await expert.GetByText("Name the programmes that were not evaluated.").WaitForAsync();
        await browser.CheckAsync(expert, "13-expert-revision");
        await SummarizeAsync(expert, "IC-2", "CICAD observes that the country has not yet evaluated its programmes of cooperation with Central America.");
        await expert.Button("Submit the draft").ClickAsync();
        await expert.GetByText("Draft submitted").WaitForAsync();
        await app.SettleAsync(roundId);
        await AssertStageAsync(app, roundId, "consultantReview");

        await review.ReloadAsync();
        await review.Button("Approve the draft").ClickAsync();
        await review.GetByText("Draft approved").WaitForAsync();
        await app.SettleAsync(roundId);
        await AssertStageAsync(app, roundId, "countryReview");

        // The NCE reads the draft and accepts it.
        await nce.GotoAsync($"/rounds/{roundId}/countries/MEX");
        await nce.GetByLabel("Comments on the draft", new() { Exact = true }).WaitForAsync();
        await nce.GetByText("Central America").First.WaitForAsync();
        await browser.CheckAsync(nce, "14-country-review");
        await nce.GetByLabel("Comments on the draft", new() { Exact = true }).FillAsync("Mexico accepts the draft and thanks the GEG.");
        await nce.GetByLabel("The country accepts the draft", new() { Exact = true }).CheckAsync();
        await nce.Button("Send comments").ClickAsync();
        await nce.GetByText("The country accepted the draft.").WaitForAsync();
        await app.SettleAsync(roundId);
        await AssertStageAsync(app, roundId, "awaitingApproval");

        // The MEM Unit records CICAD's approval and publishes.
        await memUnit.GotoAsync($"/rounds/{roundId}/countries/MEX");
        await memUnit.Button("Record approval").ClickAsync();
        await memUnit.GetByText("Approval recorded.").WaitForAsync();
        await memUnit.Button("Publish the report").WaitForAsync();
        await browser.CheckAsync(memUnit, "15-approval");
        await memUnit.Button("Publish the report").ClickAsync();
        await memUnit.GetByText("Report published.").WaitForAsync();
        await app.SettleAsync(roundId);
        await AssertStageAsync(app, roundId, "published");
        await memUnit.ReloadAsync();
        await browser.CheckAsync(memUnit, "16-published");

        // Anyone reads the report, without signing in.
        var reader = await browser.NewPageAsync(app);
        await reader.GotoAsync("/reports");
        await reader.HeadingAsync();
        await browser.CheckAsync(reader, "17-reports");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Mexico" }).First.ClickAsync();
        await reader.GetByText("EVALUATIVE SUMMARY").First.WaitForAsync();
        await reader.GetByText("programmes of cooperation with Central America").WaitForAsync();
        await reader.GetByText("EIGHTH EVALUATION ROUND").First.WaitForAsync();
        await browser.CheckAsync(reader, "18-report");
        Assert.Empty(browser.ErrorsOf(app));
    });

    private static async Task AnswerAsync(IPage page, string number, string status, string narrative)
    {
        await page.GetByLabel($"Status of priority action {number} (International Cooperation)", new() { Exact = true }).SelectOptionAsync(status);
        var text = page.GetByLabel($"Narrative of priority action {number} (International Cooperation)", new() { Exact = true });
        await text.FillAsync(narrative);
        await text.BlurAsync();
        await page.Locator($"article:has(h4:text-is('Priority action {number}')) [role=status]").GetByText("Saved").WaitForAsync();
    }

    private static async Task UploadAsync(IPage page, string number, string seedFile)
    {
        await page.Button($"Add means of verification of priority action {number} (International Cooperation)").ClickAsync();
        var item = page.Locator($"article:has(h4:text-is('Priority action {number}'))");
        await item.GetByLabel("New document", new() { Exact = true }).SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", seedFile));
        await item.Button("Upload").ClickAsync();
        await item.GetByText(Evidence.Sha256(Evidence.Seed(seedFile))).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal("100", await item.GetByLabel("Upload progress", new() { Exact = true }).GetAttributeAsync("value"));
        await item.GetByText(seedFile).First.WaitForAsync();
    }

    private static async Task AttachExistingAsync(IPage page, string number, string fileName)
    {
        var item = page.Locator($"article:has(h4:text-is('Priority action {number}'))");
        await page.Button($"Add means of verification of priority action {number} (International Cooperation)").ClickAsync();
        await item.GetByLabel("Document already uploaded", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = fileName });
        await item.Button("Attach").ClickAsync();
        await item.Locator("[role=status]").GetByText("Saved").WaitForAsync();
    }

    private static async Task SummarizeAsync(IPage page, string objectiveId, string summary)
    {
        await page.GetByLabel($"Evaluative summary of objective {objectiveId}", new() { Exact = true }).FillAsync(summary);
        await page.Button($"Save the summary of objective {objectiveId}").ClickAsync();
        await page.Locator($"section:has(#summary-text-{objectiveId})").GetByText("Saved").First.WaitForAsync();
    }

    private static async Task AssertStageAsync(MemApp app, string roundId, string stage)
    {
        var round = await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(stage, round["countries"]![0]!["stage"].Str());
    }
}
