using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>The portal as Static Web Apps receives it: `dotnet publish portal/MemWorkflow.Portal -c Release`.</summary>
public sealed partial class PortalPackageTests : IAsyncLifetime
{
    private CommandResult publish = new(-1, "", "not run");

    private static string Root => PublishedPortal.Root;

    public async Task InitializeAsync() => publish = await PublishedPortal.PublishAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void ThePublishedPortal_StartsFromItsIndex_FitsThe3MbBudget_AndRoutesPagesToIndex()
    {
        Assert.True(publish.ExitCode == 0, publish.Everything);
        var index = File.ReadAllText(Path.Combine(Root, "index.html"));
        // Every script and stylesheet the page names is in the package (an unfilled "#[.{fingerprint}]" once was not).
        var named = Reference().Matches(index).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("_framework/blazor.webassembly.js", named);
        Assert.All(named, path => Assert.True(File.Exists(Path.Combine(Root, path)), $"index.html names {path}, which is not published."));

        var brotli = Directory.EnumerateFiles(Path.Combine(Root, "_framework"), "*.br").Sum(f => new FileInfo(f).Length);
        Assert.True(brotli < 3_000_000, $"The framework files are {brotli:N0} bytes as Brotli; the budget is 3 MB.");
        // One culture's data at most: InvariantGlobalization keeps the ICU shards out.
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Root, "_framework"), "icudt*"));

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "staticwebapp.config.json")))!;
        Assert.Equal("/index.html", config["navigationFallback"]!["rewrite"]!.GetValue<string>());
        Assert.Contains("/api/*", config["navigationFallback"]!["exclude"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Contains("frame-ancestors 'none'", config["globalHeaders"]!["Content-Security-Policy"]!.GetValue<string>());
    }

    [GeneratedRegex(@"(?:src|href)=""([^""#:]+\.(?:js|css))""")]
    private static partial Regex Reference();
}
