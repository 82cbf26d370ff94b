using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>The sign-in page as an attacker and a mail scanner meet it: a link names who signs in and is spent
/// only by the click of its owner; after sign-in the portal never leaves its own origin, whatever the link or
/// the address says.</summary>
[Collection(PortalCollection.Name)]
public sealed class SignInLinkTests(PortalBrowser browser)
{
    [Fact]
    public Task AScannerThatOpensTheLink_DoesNotSpendIt_AndTheOwnerPastesItIntoTheTabThatAskedForIt() => browser.RunAsync("sign-in-link", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var link = await LinkAsync(app, nce.Email, "/reports");

        // The scanner loads the page and runs its script: it sees who the link is for, and clicks nothing.
        var scanner = await browser.NewPageAsync(app);
        await scanner.GotoAsync(link);
        await scanner.GetByText("You are signing in to the MEM portal as Ana Gómez.").WaitForAsync();
        await browser.CheckAsync(scanner, "sign-in-link-confirmation");
        await scanner.Context.CloseAsync();

        // Its owner asked for it in this tab and pastes it there: the page reads the new address and asks to continue.
        var page = await browser.NewPageAsync(app);
        await page.GotoAsync("/sign-in");
        await page.HeadingAsync();
        await page.GotoAsync(link);
        await page.ContinueSignInAsync();
        await page.ArrivedAsync(url => url.AbsolutePath == "/reports");
        Assert.Equal(app.PortalUrl.GetLeftPart(UriPartial.Authority), new Uri(page.Url).GetLeftPart(UriPartial.Authority));

        // Spent by that click: a second use says so.
        var again = await browser.NewPageAsync(app);
        await again.GotoAsync(link);
        await again.GetByText("This sign-in link is not valid").WaitForAsync();
        Assert.DoesNotContain("code=", again.Url, StringComparison.Ordinal);
        Assert.Empty(browser.ErrorsOf(app));
    });

    [Fact]
    public Task AfterSignIn_ThePortalStaysOnItsOwnOrigin_WhereverTheLinkOrTheAddressPointsTo() => browser.RunAsync("sign-in-redirect", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var home = app.PortalUrl.ToString();
        var script = 0;

        // An emailed link whose returnTo someone rewrote.
        foreach (var attack in new[] { "/https://evil.example/", "/javascript:window.__pwned=1" })
        {
            var page = await browser.NewPageAsync(app);
            var code = new Uri(await LinkAsync(app, nce.Email, null)).Fragment;
            await page.GotoAsync($"/sign-in{code}&returnTo={Uri.EscapeDataString(attack)}");
            await page.ContinueSignInAsync();
            await page.ArrivedAsync(url => !url.AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal));
            await page.HeadingAsync();
            Assert.Equal(home, page.Url);
            script += await page.EvaluateAsync<int>("() => window.__pwned ?? 0");
        }

        // The address of the sign-in page itself, with the access token form.
        foreach (var attack in new[] { "//evil.example/", "/\\evil.example", "/%2F%2Fevil.example", "/https:/evil.example", "javascript:window.__pwned=1", "/sign-in" })
        {
            var page = await browser.NewPageAsync(app);
            await page.GotoAsync($"/sign-in?returnTo={Uri.EscapeDataString(attack)}");
            await page.HeadingAsync();
            await page.GetByLabel("Access token", new() { Exact = true }).FillAsync(app.AdminToken);
            await page.Button("Sign in with token").ClickAsync();
            await page.ArrivedAsync(url => !url.AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal));
            await page.HeadingAsync();
            Assert.Equal(home, page.Url);
            script += await page.EvaluateAsync<int>("() => window.__pwned ?? 0");
        }
        Assert.Equal(0, script);
        Assert.Empty(browser.ErrorsOf(app));
    });

    [Fact]
    public Task TheTabKeepsASession_NeverTheAccessToken_AndSigningOutEverywhereEndsTheOtherBrowsers() => browser.RunAsync("sign-out-everywhere", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var office = await browser.NewPageAsync(app);
        await office.SignInWithTokenAsync(nce.Token, "/reports");
        var stored = await office.EvaluateAsync<string?>("() => sessionStorage.getItem('mem.session')");
        Assert.Contains("\"mems_", stored);
        Assert.DoesNotContain(nce.Token, stored);
        Assert.Null(await office.EvaluateAsync<string?>("() => localStorage.getItem('mem.session')"));
        Assert.DoesNotContain(nce.Token, await office.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"));
        // A reload in the same tab keeps the session.
        await office.ReloadAsync();
        await office.GetByText("Ana Gómez (").WaitForAsync();

        var home = await browser.NewPageAsync(app);
        await home.SignInWithTokenAsync(nce.Token, "/reports");
        await home.Button("Sign out everywhere").ClickAsync();
        await home.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Sign in", Exact = true }).First.WaitForAsync();
        Assert.Null(await home.EvaluateAsync<string?>("() => sessionStorage.getItem('mem.session')"));

        // The office's session ended on the server: its next visit asks to sign in.
        await office.GotoAsync("/assignments");
        await office.ArrivedAsync(url => url.AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal));
        Assert.Empty(browser.ErrorsOf(app));
    });

    private static async Task<string> LinkAsync(MemApp app, string email, string? returnTo)
    {
        var before = (await PortalPages.InboxAsync(app, email, "signInLink")).Select(m => m["id"].Str()).ToHashSet();
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email, returnTo })).JsonAsync(HttpStatusCode.Accepted);
        var mail = Assert.Single(await PortalPages.InboxAsync(app, email, "signInLink"), m => !before.Contains(m["id"].Str()));
        return Assert.Single(PortalPages.LinksIn(mail["text"].Str()));
    }
}
