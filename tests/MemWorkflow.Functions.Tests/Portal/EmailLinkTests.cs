using System.Net;
using System.Reflection;
using MemWorkflow.Core;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>Every kind of email the product sends, sent for real by a round's workflows, and every link
/// each one carries opened in the browser by the person it was sent to: each is a real portal page that
/// the person may see.</summary>
[Collection(PortalCollection.Name)]
public sealed class EmailLinkTests(PortalBrowser browser, ITestOutputHelper output)
{
    [Fact]
    public Task EveryLinkOfEveryKindOfEmail_OpensARealPortalPage_ForItsRecipient() => browser.RunAsync("email-links", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var people = await ScenarioAsync(app);

        var mail = (await app.MailAsync()).Select(m => m!).ToList();
        await app.SignInLinksSentAsync();
        mail.AddRange((await (await app.Admin().GetAsync("/api/dev/mail?roundId=sign-in")).JsonAsync(HttpStatusCode.OK)).AsArray().Select(m => m!));
        var alert = DeliveryAlertEmail.For(new Recipient("p-memunit-bootstrap", "MEM Unit", "mem-unit@localhost.test", "en"), people.Nce.Email,
            EmailKind.Reminder, "MEM 2023: reminder", people.RoundId, "MEX", 9, "503 Service Unavailable", app.PortalUrl);
        var memUnit = new Recipient("p-memunit-bootstrap", "MEM Unit", "mem-unit@localhost.test", "en");
        var workflowAlerts = new[]
        {
            WorkflowAlertEmail.For(memUnit, people.RoundId, "MEX", MemApp.Epoch, 7, "Storage does not answer", app.PortalUrl),
            WorkflowAlertEmail.For(memUnit, people.RoundId, null, MemApp.Epoch, 7, "Storage does not answer", app.PortalUrl),
        };

        var kinds = typeof(EmailKind).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        var sent = mail.Select(m => m["category"].Str()).Append(alert.Kind).Append(WorkflowAlertEmail.Kind).ToHashSet();
        Assert.Empty(kinds.Except(sent));

        var links = mail.SelectMany(m => PortalPages.LinksIn(m["text"].Str()).Select(link => (To: m["to"].Str(), Kind: m["category"].Str(), Link: link)))
            .Concat(PortalPages.LinksIn(alert.Text).Select(link => (To: "mem-unit@localhost.test", Kind: alert.Kind, Link: link)))
            .Concat(workflowAlerts.SelectMany(a => PortalPages.LinksIn(a.Text)).Select(link => (To: "mem-unit@localhost.test", Kind: WorkflowAlertEmail.Kind, Link: link)))
            .Distinct().ToList();
        Assert.All(links, l => Assert.StartsWith(app.PortalUrl.ToString(), l.Link, StringComparison.Ordinal));
        Assert.Contains(links, l => l.Kind == EmailKind.Published && l.Link.Contains("/reports/", StringComparison.Ordinal));

        var opened = 0;
        foreach (var recipient in links.GroupBy(l => l.To))
        {
            var page = await browser.NewPageAsync(app);
            if (people.Tokens.TryGetValue(recipient.Key, out var token))
                await page.SignInWithTokenAsync(token);
            foreach (var (_, kind, link) in recipient)
            {
                await page.GotoAsync(link);
                if (kind == EmailKind.SignInLink)
                {
                    // A sign-in link is used by a click on the page it opens (so a mail scanner does not spend it).
                    await page.ContinueSignInAsync();
                    await page.ArrivedAsync(url => !url.AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal));
                }
                var heading = await (await page.HeadingAsync()).InnerTextAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                Assert.True(heading != "Page not found", $"{kind} to {recipient.Key}: {link} is not a portal page.");
                Assert.True(await page.GetByRole(AriaRole.Alert).CountAsync() == 0,
                    $"{kind} to {recipient.Key}: {link} shows a problem: {string.Join(" | ", await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync())}");
                Assert.Equal(0, await page.GetByText("Loading", new() { Exact = false }).CountAsync());
                opened++;
            }
            await browser.CheckAsync(page, $"email-link-{recipient.Key.Split('@')[0]}");
        }
        Assert.True(opened >= 15, $"Only {opened} links were opened.");
        output.WriteLine($"{mail.Count + 1} emails of {sent.Count} kinds; {opened} links opened by {links.Select(l => l.To).Distinct().Count()} recipients.");
        Assert.Empty(browser.ErrorsOf(app));
    });

    private sealed record People(string RoundId, Registered Nce, IReadOnlyDictionary<string, string> Tokens);

    /// <summary>Through the API: one evaluation published, one lapsing into escalation, one withdrawn,
    /// an expert declining and a sign-in link asked for: every kind of email but the delivery alert,
    /// which needs an email provider down for an hour and is rendered directly.</summary>
    private static async Task<People> ScenarioAsync(MemApp app)
    {
        var mexico = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var colombia = await app.RegisterAsync("nce", "COL", name: "Carlos Ruiz", languages: ["es", "en"]);
        var jamaica = await app.RegisterAsync("nce", "JAM", name: "Andre Campbell");
        var experts = new List<Registered>();
        foreach (var state in new[] { "ARG", "BRA", "PER", "CHL" })
            experts.Add(await app.RegisterAsync("geg", state, languages: ["en", "es"], expertise: ["IC"]));
        var consultant = await app.RegisterAsync("consultant", "CAN", languages: ["en", "fr"], expertise: ["IC"]);
        var tokens = new[] { mexico, colombia, jamaica, consultant }.Concat(experts).ToDictionary(p => p.Email, p => p.Token);
        tokens["mem-unit@localhost.test"] = app.AdminToken;

        var onlyIc = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"], ["COL"] = ["IS", "RIME"] };
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" }, excludedPillars = onlyIc });
        var withdrawn = await app.StartRoundAsync(new { thematicEvaluation = "R8-2021", memberStates = new[] { "JAM" } });
        await (await app.Admin().PostJsonAsync($"/api/rounds/{withdrawn}/cancellation", new { reason = "Started by mistake." })).JsonAsync(HttpStatusCode.OK);
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/COL/extension",
            new { due = MemApp.Epoch.AddDays(100), reason = "National elections." })).JsonAsync(HttpStatusCode.OK);

        // Assigned before Mexico submits, so the experts also hear that the submission is ready.
        var (assigned, _) = await app.AssignAsync(roundId, "MEX");
        var declining = experts.Single(e => e.Id == assigned[1]);
        await (await app.Client(declining.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/experts/{declining.Id}/decline",
            new { reason = "A conflict of interest." })).JsonAsync(HttpStatusCode.OK);
        tokens.Remove(declining.Email);

        var nce = app.Client(mexico.Token);
        foreach (var item in new[] { "IC-1.1", "IC-1.2", "IC-1.3", "IC-2.1", "IC-2.2", "IC-2.3", "IC-2.4" })
            await (await nce.SaveAnswerAsync(roundId, "MEX", item, "notImplemented", "No measure during the period.")).JsonAsync(HttpStatusCode.OK);
        await (await nce.PostAsync($"/api/rounds/{roundId}/countries/MEX/submission", null)).StageAsync("inReview");

        var expert = app.Client(experts.Single(e => e.Id == assigned[0]).Token);
        var reviewer = app.Client(consultant.Token);
        foreach (var objective in new[] { "IC-1", "IC-2" })
            await (await expert.SaveSummaryAsync(roundId, "MEX", objective, "CICAD notes with concern that the country has not adopted measures.")).JsonAsync(HttpStatusCode.OK);
        await (await expert.PostAsync($"/api/rounds/{roundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");
        await (await reviewer.PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/feedback",
            new { decision = "requestChanges", comments = new[] { new { objectiveId = "IC-1", text = "Say which measures." } } })).StageAsync("revisionRequested");
        await (await expert.PostAsync($"/api/rounds/{roundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");
        await (await reviewer.PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/feedback", new { decision = "approve" })).StageAsync("countryReview");
        await (await nce.PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/draft-comments", new { text = "Mexico adopted a law in 2023.", accept = false }))
            .StageAsync("revisionRequested");
        await (await expert.PostAsync($"/api/rounds/{roundId}/countries/MEX/evaluation/submission", null)).StageAsync("awaitingApproval");
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/approval", new { note = "Approved by CICAD." })).StageAsync("approved");
        await (await app.Admin().PostAsync($"/api/rounds/{roundId}/countries/MEX/publication", null)).JsonAsync(HttpStatusCode.OK);

        // Colombia never submits: reminders, the overdue notice and the MEM Unit's escalation.
        await app.SettleAsync(roundId);
        await app.AdvanceClockAsync("P88D");
        await app.AdvanceClockAsync("P22D");
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = mexico.Email, returnTo = $"/rounds/{roundId}/countries/MEX" })).JsonAsync(HttpStatusCode.Accepted);
        return new People(roundId, mexico, tokens);
    }
}
