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

    /// <summary>The browser tests reach the app through the Static Web Apps emulator and the portal's real config; this
    /// is what that config does, read over plain HTTP, and the README's run command (the local host serving the
    /// portal itself) answers the same headers, with the build's compressed files.</summary>
    [Fact]
    public async Task ThroughStaticWebApps_PagesGetTheIndexAndTheConfigsHeaders_TheApiAnswersForItself_AndTheLocalHostMatches()
    {
        await using var app = await browser.StartAppAsync();
        using var front = new HttpClient { BaseAddress = browser.FrontDoor.Url };
        using var direct = app.Client();
        const string page = "rounds/r-unknown/countries/MEX/questionnaire";

        using var viaFront = await front.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, viaFront.StatusCode);
        Assert.Contains("_framework/blazor.webassembly.js", await viaFront.Content.ReadAsStringAsync());
        using var viaHost = await direct.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, viaHost.StatusCode);
        foreach (var header in new[] { "Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy" })
        {
            var expected = Assert.Single(viaFront.Headers.GetValues(header));
            Assert.Equal(expected, Assert.Single(viaHost.Headers.GetValues(header)));
        }
        Assert.Contains("frame-ancestors 'none'", viaFront.Headers.GetValues("Content-Security-Policy").Single());

        // An unknown API path is the API's own 404 problem, not the portal's page; the API answers through the proxy.
        await (await front.GetAsync("api/no-such-route")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("healthy", (await (await front.GetAsync("api/health")).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());

        // The framework, with the config's MIME types; the local host sends the build's gzip, really compressed.
        Assert.Equal("application/wasm", (await front.GetAsync($"_framework/{await CoreLibAsync(front)}")).Content.Headers.ContentType?.MediaType);
        var coreLib = await CoreLibAsync(direct);
        var plain = (await (await direct.GetAsync($"_framework/{coreLib}")).Content.ReadAsByteArrayAsync()).Length;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"_framework/{coreLib}") { Headers = { { "Accept-Encoding", "gzip" } } };
        using var gzipped = await direct.SendAsync(request);
        Assert.Equal("gzip", Assert.Single(gzipped.Content.Headers.ContentEncoding));
        var sent = (await gzipped.Content.ReadAsByteArrayAsync()).Length;
        Assert.True(sent < plain / 2, $"{coreLib}: {sent:N0} bytes sent as gzip, {plain:N0} plain.");
    }

    /// <summary>The runtime's largest assembly, by the name (fingerprinted) the served boot script gives it.</summary>
    private static async Task<string> CoreLibAsync(HttpClient portal)
    {
        var name = System.Text.RegularExpressions.Regex.Match(await portal.GetStringAsync("_framework/dotnet.js"), @"System\.Private\.CoreLib\.[a-z0-9]+\.wasm").Value;
        Assert.NotEmpty(name);
        return name;
    }

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
