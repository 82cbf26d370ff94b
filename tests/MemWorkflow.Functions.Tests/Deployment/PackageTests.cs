using System.IO.Compression;
using System.Reflection;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>The zip the README's publish command makes is what the Functions host loads: host.json,
/// the build's functions.metadata, worker.config.json, the host-side extensions and the app. The host
/// itself cannot run here; the local host runs the same functions (the last test compares the two).</summary>
public sealed class PackageTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    private static JsonNode Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"The package has no {name}.");
        using var reader = new StreamReader(entry!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!;
    }

    private JsonArray Metadata()
    {
        Assert.True(package.Publish.ExitCode == 0, package.Publish.Everything);
        using var zip = ZipFile.OpenRead(package.Zip);
        return Read(zip, "functions.metadata").AsArray();
    }

    [Fact]
    public void Package_HoldsHostJson_TheFunctionList_TheWorker_AndTheDurableExtension_AndNoDevelopmentSettings()
    {
        Assert.True(package.Publish.ExitCode == 0, package.Publish.Everything);
        using var zip = ZipFile.OpenRead(package.Zip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Repository.Path("host.json"))), Read(zip, "host.json")));
        Assert.Equal("MemWorkflow.Functions.dll", Read(zip, "worker.config.json")["description"]!["defaultWorkerPath"]!.GetValue<string>());
        Assert.Contains("MemWorkflow.Functions.dll", names);
        // The host-side extensions the functions' bindings need, built by the Worker SDK: the Durable one among them.
        Assert.Contains(".azurefunctions/Microsoft.Azure.Functions.Worker.Extensions.dll", names);
        Assert.Contains(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", names);
        Assert.Contains(".azurefunctions/DurableTask.AzureStorage.dll", names);
        Assert.DoesNotContain(names, n => n.Contains("appsettings.Development", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("local.settings", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.EndsWith("function.json", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePublishStep_FitsInCi_AndTheWorkerExtensionsBuildWarnsNothing()
    {
        Assert.True(package.Publish.ExitCode == 0, package.Publish.Everything);
        Assert.True(package.Took < TimeSpan.FromMinutes(4), $"Publishing the package took {package.Took}.");
        Assert.Contains("Deployment package: ", package.Publish.Output);
        // The inner WorkerExtensions project is outside Directory.Build.props: its NU1603 is silenced by
        // a target on a private SDK property. If the SDK renames it, this notices.
        Assert.DoesNotContain("NU1603", package.Publish.Everything);
    }

    [Fact]
    public void FunctionsMetadata_ListsEveryFunctionOfTheApp_EachWithItsTrigger()
    {
        var listed = Metadata().Select(f => f!).ToDictionary(f => f["name"]!.GetValue<string>());
        var declared = typeof(HttpFunctionCatalogue).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()?.Name)
            .OfType<string>()
            .ToList();
        Assert.Equal(declared.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        Assert.All(listed.Values, f =>
        {
            var triggers = f["bindings"]!.AsArray().Where(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal)).ToList();
            Assert.True(triggers.Count == 1, $"{f["name"]} has {triggers.Count} triggers.");
            Assert.Equal("MemWorkflow.Functions.dll", f["scriptFile"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task TheHttpFunctionsTheHostWouldServe_AreExactlyTheRoutesTheLocalHostServes()
    {
        var fromMetadata = Metadata()
            .Select(f => f!["bindings"]!.AsArray().FirstOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger") is { } http
                ? $"{string.Join(",", http["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).Order())} /{http["route"]!.GetValue<string>()} {f["name"]}"
                : null)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

        await using var app = await MemApp.StartAsync();
        var endpoints = app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        // The portal's files and page routes are Static Web Apps' part in Azure, not functions.
        Assert.Contains(endpoints, e => e.Metadata.GetMetadata<MemWorkflow.LocalHost.PortalHosting.PortalEndpoint>() is not null && e.RoutePattern.RawText == "{*path:nonfile}");
        var served = endpoints.Where(e => e.Metadata.GetMetadata<MemWorkflow.LocalHost.PortalHosting.PortalEndpoint>() is null
                && e.RoutePattern.RawText!.TrimStart('/') is var route && (route.StartsWith("api/", StringComparison.Ordinal) || route.StartsWith("openapi/", StringComparison.Ordinal)))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Order())} /{e.RoutePattern.RawText!.TrimStart('/')} {e.DisplayName}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(fromMetadata, served);
        Assert.Contains("POST /api/rounds StartRound", served);
        Assert.Contains("GET /openapi/{documentName}.json GetOpenApiDocument", served);
    }
}
