using System.Reflection;
using System.Text.Json;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.LocalHost;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalBrowser>
{
    // One browser and one storage emulator for every portal test, one test at a time: the emulator's
    // CORS rule names one portal origin, and two cores do not run two browsers well.
    public const string Name = "Portal";
}

/// <summary>Debian's Chromium driven by Playwright; the Static Web Apps emulator the browser reaches the portal and the
/// API through, as it reaches Static Web Apps in Azure; and an Azurite of the portal tests' own (its CORS rule lets
/// the portal's origin upload straight to Blob Storage, as the storage account does in Azure).</summary>
public sealed class PortalBrowser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private readonly List<IPage> pages = [];

    public IBrowser Browser { get; private set; } = null!;

    public LocalStorageEmulator Storage { get; private set; } = null!;

    public StaticWebAppsEmulator FrontDoor { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>artifacts/portal</c> at the repository's root (CI keeps it).</summary>
    public static string Artifacts { get; } = Path.Combine(RepositoryRoot(), "artifacts", "portal");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: .ci/run installs Debian's chromium (apt-get install chromium).");
        Storage = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);
        try
        {
            FrontDoor = await StaticWebAppsEmulator.StartAsync(RepositoryRoot(), new Uri($"http://127.0.0.1:{Storage.BlobPort}/"));
        }
        catch
        {
            // A fixture that fails to start is never disposed.
            await Storage.DisposeAsync();
            throw;
        }
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(Artifacts);
        foreach (var stale in Directory.GetFiles(Artifacts, "failed-*.png"))
            File.Delete(stale);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await FrontDoor.DisposeAsync();
        await Storage.DisposeAsync();
    }

    /// <summary>The app behind the Static Web Apps emulator (one at a time: the emulator proxies to one port), its
    /// emails linking to the portal there.</summary>
    public async Task<MemApp> StartAppAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Mem:PortalBaseUrl"] = FrontDoor.Url.ToString(),
        };
        // Every app has the emulator's origin, so the errors an earlier test's pages logged there are not this app's.
        Errors.Clear();
        return await MemApp.StartAsync(all, configureServices, storage: Storage, port: FrontDoor.ApiPort);
    }

    /// <summary>A fresh browser context (no stored session) on the app, in the given language.</summary>
    public async Task<IPage> NewPageAsync(MemApp app, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = app.PortalUrl.ToString(),
            Locale = locale,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        pages.Add(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                Errors.Add($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => Errors.Add($"{page.Url}: {error}");
        return page;
    }

    /// <summary>Console errors and uncaught exceptions seen by any page: a test asserts there are none of its own.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The errors seen on pages of this app (its origin, since it started), leaving out the 4xx answers the
    /// browser logs by itself for API calls the page handles (a 401 before sign-in, a 412 conflict).</summary>
    public IReadOnlyList<string> ErrorsOf(MemApp app)
    {
        var origin = app.PortalUrl.ToString();
        return Errors.Where(e => e.StartsWith(origin, StringComparison.Ordinal) && !e.Contains("the server responded with a status of 4", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Keeps a full-page screenshot as a test artifact and runs axe-core on the page: no serious
    /// or critical violation is allowed.</summary>
    public async Task CheckAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{name}.png"), FullPage = true });
        // Evaluated by the browser's tooling, not added as a script tag: the portal's CSP (rightly) refuses inline scripts.
        await page.EvaluateAsync(Axe.Value + "\n;0");
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { resultTypes: ['violations'] }); return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })); }");
        var serious = result.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {v.GetProperty("nodes")}")
            .ToList();
        Assert.True(serious.Count == 0, $"axe-core on {name} ({page.Url}):\n{string.Join("\n", serious)}");
    }

    /// <summary>Runs a browser test; when it fails, every page it opened is screenshotted for the artifacts.</summary>
    public async Task RunAsync(string test, Func<Task> body)
    {
        pages.Clear();
        try
        {
            await body();
        }
        catch
        {
            for (var i = 0; i < pages.Count; i++)
                if (!pages[i].IsClosed)
                    await pages[i].ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"failed-{test}-{i}.png"), FullPage = true });
            throw;
        }
        finally
        {
            foreach (var page in pages)
                await page.Context.CloseAsync();
        }
    }

    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(typeof(PortalBrowser).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AxeScript").Value!));


    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MemWorkflow.sln")))
                return dir.FullName;
        return AppContext.BaseDirectory;
    }
}
