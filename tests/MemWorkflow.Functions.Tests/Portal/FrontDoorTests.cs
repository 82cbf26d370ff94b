using System.Collections.Concurrent;
using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>Issue 19, the Azure front door: Static Web Apps sets <c>Authorization</c> itself on every request
/// it proxies to the API, so the portal must carry its token in <c>X-MEM-Authorization</c>. Here the app
/// overwrites <c>Authorization</c> on every API request as the proxy does, and the portal still signs in, reads
/// and saves; and no request the browser sends to the API carries <c>Authorization</c> at all.</summary>
[Collection(PortalCollection.Name)]
public sealed class FrontDoorTests(PortalBrowser browser)
{
    [Fact]
    public Task BehindAProxyThatOverwritesAuthorization_ThePortalSignsInReadsAndSaves_AndNeverSendsAuthorization() => browser.RunAsync("front-door", async () =>
    {
        await using var app = await browser.StartAppAsync(configureServices: services => services.AddSingleton<IStartupFilter, OverwriteAuthorization>());
        var mexico = await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        await app.SettleAsync(roundId);

        var page = await browser.NewPageAsync(app);
        var sent = new ConcurrentQueue<IReadOnlyDictionary<string, string>>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
                sent.Enqueue(request.Headers);
        };
        await page.SignInWithTokenAsync(mexico.Token);
        await page.GotoAsync($"/rounds/{roundId}/countries/MEX/questionnaire");
        var status = page.GetByLabel("Status of priority action 1.1 (International Cooperation)", new() { Exact = true });
        await status.SelectOptionAsync("notImplemented");
        // The autosave went through the proxy's Authorization: the answer is stored.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await (await app.Client(mexico.Token).GetAsync($"/api/rounds/{roundId}/countries/MEX/questionnaire")).JsonAsync(HttpStatusCode.OK))
            .ToJsonString().Contains("\"notImplemented\"", StringComparison.Ordinal) is false)
        {
            Assert.True(DateTime.UtcNow < deadline, "The portal's save never reached the API.");
            await Task.Delay(200);
        }

        Assert.Contains(sent, headers => headers.TryGetValue("x-mem-authorization", out var value) && value.StartsWith("Bearer ", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, headers => headers.ContainsKey("authorization"));
        Assert.Empty(browser.ErrorsOf(app));
    });

    /// <summary>What Azure Static Web Apps does to a request it proxies to a linked backend.</summary>
    private sealed class OverwriteAuthorization : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                // Only the browser's requests pass through the proxy; the test's own API calls go to the app directly.
                if (context.Request.Path.StartsWithSegments("/api") && context.Request.Headers.UserAgent.ToString().Contains("Chrome", StringComparison.Ordinal))
                    context.Request.Headers.Authorization = "Bearer eyJhbGciOiJIUzI1NiJ9.c3dhLXByb3h5.c2lnbmF0dXJl";
                return following(context);
            });
            next(app);
        };
    }
}
