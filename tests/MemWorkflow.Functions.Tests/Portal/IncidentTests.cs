using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>Email trouble seen where the MEM Unit works, not in a mailbox: the open delivery incident on
/// the home page and the outbox, and one button that retries every failed email of the round.</summary>
[Collection(PortalCollection.Name)]
public sealed class IncidentTests(PortalBrowser browser)
{
    [Fact]
    public Task TheMemUnit_SeesTheDeliveryIncident_AndRetriesEveryFailedEmailOfTheRoundAtOnce() => browser.RunAsync("incident", async () =>
    {
        await using var fake = await FakeSendGrid.StartAsync();
        var refusing = true;
        fake.Behaviour = (_, _) => Volatile.Read(ref refusing) ? new FakeAnswer(401) : FakeAnswer.Accepted;
        await using var app = await browser.StartAppAsync(new Dictionary<string, string?>
        {
            ["Mem:Email:Mode"] = "sendgrid",
            ["Mem:Email:SendGridHost"] = fake.Address.ToString(),
            ["Mem:Email:SendGridApiKey"] = "test-key-not-a-secret",
            ["Mem:Email:RetryFor"] = "00:04:00",
            ["Mem:Email:AlertAfter"] = "00:02:00",
            ["Mem:Email:BaseDelay"] = "00:00:10",
        });
        var mex = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var col = await app.RegisterAsync("nce", "COL", name: "Luis Pérez");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        // Refused with 401 for two minutes: an incident; for four: past the retry period, the two questionnaires fail.
        for (var i = 0; i < 3; i++)
            await app.AdvanceClockAsync("PT2M");

        var page = await browser.NewPageAsync(app);
        await page.SignInWithTokenAsync(app.AdminToken, "/");
        var incidents = page.GetByRole(AriaRole.Region, new() { Name = "Open incidents" });
        await incidents.GetByText("Email delivery is failing").WaitForAsync();
        await incidents.GetByText("SendGrid answered 401", new() { Exact = false }).WaitForAsync();
        await browser.CheckAsync(page, "incident-home");

        Volatile.Write(ref refusing, false);
        await page.GotoAsync($"/rounds/{roundId}/outbox");
        var outbox = page.GetByRole(AriaRole.Table, new() { Name = "Emails not yet delivered, and failed ones" });
        await outbox.GetByRole(AriaRole.Rowheader, new() { Name = mex.Email }).WaitForAsync();
        await outbox.GetByRole(AriaRole.Rowheader, new() { Name = col.Email }).WaitForAsync();
        Assert.Equal(2, await outbox.GetByText("Failed", new() { Exact = true }).CountAsync());
        await page.GetByRole(AriaRole.Region, new() { Name = "Open incidents" }).WaitForAsync();
        await browser.CheckAsync(page, "outbox-incident");

        await page.Button("Retry all failed messages").ClickAsync();
        await page.GetByText("2 failed emails will be sent again.").WaitForAsync();
        await app.SettleAsync(roundId);
        Assert.Equal(new[] { col.Email, mex.Email }.Order(StringComparer.Ordinal),
            fake.Delivered.Select(b => b["personalizations"]![0]!["to"]![0]!["email"].Str()).Order(StringComparer.Ordinal));
        await page.ReloadAsync();
        await page.GetByText("Every email of this round has been delivered.").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Region, new() { Name = "Open incidents" }).CountAsync());
        await browser.CheckAsync(page, "outbox-retried-all");
        Assert.Empty(browser.ErrorsOf(app));
    });
}
