using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>What people do in the portal, step by step, as the tests need it: only the browser acts;
/// the API is read only for what a person would read elsewhere (their inbox).</summary>
public static partial class PortalPages
{
    /// <summary>Waits until the portal has started and rendered the page's heading.</summary>
    public static async Task<ILocator> HeadingAsync(this IPage page)
    {
        var heading = page.Locator("main h1");
        await heading.WaitForAsync();
        return heading;
    }

    public static ILocator Button(this IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static ILocator Button(this ILocator scope, string name) => scope.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public static ILocator Link(this IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static async Task SignInWithTokenAsync(this IPage page, string token, string path = "/")
    {
        await page.GotoAsync($"/sign-in?returnTo={Uri.EscapeDataString(path)}");
        await page.HeadingAsync();
        await page.GetByLabel("Access token", new() { Exact = true }).FillAsync(token);
        await page.Button("Sign in with token").ClickAsync();
        await page.ArrivedAsync(url => !url.AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal));
        await page.HeadingAsync();
    }

    /// <summary>Waits until the page's address is one the test expects. The portal moves on inside the page
    /// (no load event, which a loaded machine can make Playwright's navigation wait miss), so the address is
    /// polled; a page that never gets there fails with what it shows instead.</summary>
    public static async Task ArrivedAsync(this IPage page, Func<Uri, bool> where, int timeoutMs = 45_000)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!where(new Uri(page.Url)))
        {
            if (clock.ElapsedMilliseconds > timeoutMs)
            {
                var shown = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
                throw new TimeoutException($"After {timeoutMs / 1000} s the page is still at {page.Url}; it shows:\n{shown}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Opens an emailed link; when the portal asks to sign in, asks for a link by email and
    /// opens the one that arrives: the way a participant gets from an email to the page it names.</summary>
    public static async Task OpenSignedInAsync(this IPage page, MemApp app, string link, string email)
    {
        await page.GotoAsync(link);
        await page.ArrivedAsync(url => url.AbsolutePath.EndsWith("/sign-in", StringComparison.Ordinal));
        await page.HeadingAsync();
        var before = (await InboxAsync(app, email, "signInLink")).Select(m => m["id"].Str()).ToHashSet();
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.Button("Send me a sign-in link").ClickAsync();
        await page.GetByText("Check your email").WaitForAsync();
        var mail = Assert.Single(await InboxAsync(app, email, "signInLink"), m => !before.Contains(m["id"].Str()));
        var signIn = Assert.Single(LinksIn(mail["text"].Str()));
        await page.GotoAsync(signIn);
        await page.ContinueSignInAsync();
        var path = new Uri(link).AbsolutePath;
        await page.ArrivedAsync(url => url.AbsolutePath == path);
        await page.HeadingAsync();
    }

    /// <summary>On an opened sign-in link: the page names who signs in and waits for the click that uses the link.</summary>
    public static async Task ContinueSignInAsync(this IPage page)
    {
        await page.GetByText("You are signing in to the MEM portal as").WaitForAsync();
        await page.Button("Continue").ClickAsync();
    }

    /// <summary>An answer as the API stores it, read by its NCE user (what the page should have saved).</summary>
    public static async Task<JsonNode> StoredAnswerAsync(MemApp app, Registered nce, string roundId, string priorityActionId = "IC-1.1")
    {
        var questionnaire = await (await app.Client(nce.Token).GetAsync($"/api/rounds/{roundId}/countries/{nce.MemberState}/questionnaire")).JsonAsync(HttpStatusCode.OK);
        return questionnaire["items"]!.AsArray().Single(i => i!["priorityActionId"].Str() == priorityActionId)!["answer"]!;
    }

    /// <summary>The participant's inbox (the local mailbox), of one kind of email.</summary>
    public static async Task<List<JsonNode>> InboxAsync(MemApp app, string email, string? kind = null)
    {
        await app.SignInLinksSentAsync();
        var response = await app.Admin().GetAsync($"/api/dev/mail?to={Uri.EscapeDataString(email)}");
        return (await response.JsonAsync(HttpStatusCode.OK)).AsArray().Select(m => m!)
            .Where(m => kind is null || m["category"].Str() == kind).ToList();
    }

    public static IReadOnlyList<string> LinksIn(string text) => Url().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')')).ToList();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();
}
