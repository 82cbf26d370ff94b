using System.Text.Json.Nodes;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>host.json as the Functions host reads it for the isolated worker and the Durable extension.</summary>
public sealed class HostConfigurationTests
{
    private static JsonNode Host() => JsonNode.Parse(File.ReadAllText(Repository.Path("host.json")))!;

    [Fact]
    public void HostJson_IsForTheIsolatedWorker_WithRoutesAsTheAppWritesThem()
    {
        var host = Host();
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Null(host["customHandler"]);
        // The isolated worker brings its extensions (.azurefunctions/); a bundle would be a second source.
        Assert.Null(host["extensionBundle"]);
        // The functions' routes already start with api/, so the host adds no prefix of its own.
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    [Fact]
    public void HostJson_RunsDurableOnAzureStorage_WithTheHubFromConfiguration_AndVersioningFromTheFirstRelease()
    {
        var durable = Host()["extensions"]!["durableTask"]!;
        Assert.Equal("%MemTaskHub%", durable["hubName"]!.GetValue<string>());
        Assert.Equal("AzureStorage", durable["storageProvider"]!["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(durable["defaultVersion"]?.GetValue<string>()));
        Assert.Equal("CurrentOrOlder", durable["versionMatchStrategy"]!.GetValue<string>());
        Assert.Equal("Reject", durable["versionFailureStrategy"]!.GetValue<string>());
    }

    [Fact]
    public void HostJson_PutsTheFunctionsHostOnOpenTelemetry_SoItsTelemetryCorrelatesWithTheWorkers()
    {
        Assert.Equal("OpenTelemetry", Host()["telemetryMode"]!.GetValue<string>());
    }
}
