namespace MemWorkflow.Functions.Tests.Portal;

[Collection(PortalCollection.Name)]
public sealed class PortalSmokeTests(PortalBrowser browser)
{
    [Fact]
    public async Task ThePortal_LoadsAtTheRoot()
    {
        await using var app = await browser.StartAppAsync();
        var page = await browser.NewPageAsync(app);
        await page.GotoAsync("/");
        await page.Locator("h1").First.WaitForAsync();
        await browser.CheckAsync(page, "smoke-home");
    }
}
