using System.Text.Json.Nodes;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.LocalHost;
using MemWorkflow.LocalHost.Durable;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>The local host runs orchestrations with the versioning and queue polling the Functions host reads from host.json.</summary>
public sealed class HostJsonTests
{
    [Fact]
    public async Task TheLocalHostsDurableVersioningAndPolling_AreTheRepositoryHostJsons()
    {
        var repository = Path.Combine(HistoryFile.RepositoryRoot, "host.json");
        var durable = JsonNode.Parse(await File.ReadAllTextAsync(repository))!["extensions"]!["durableTask"]!;
        await using var app = await MemApp.StartAsync();
        var options = app.Service<LocalDurableOptions>();

        Assert.Equal(durable["defaultVersion"]!.GetValue<string>(), options.DefaultVersion);
        Assert.Equal(durable["versionMatchStrategy"]!.GetValue<string>(), options.VersionMatchStrategy.ToString());
        Assert.Equal(durable["versionFailureStrategy"]!.GetValue<string>(), options.VersionFailureStrategy.ToString());
        Assert.Equal(TimeSpan.Parse(durable["storageProvider"]!["maxQueuePollingInterval"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            options.MaxQueuePollingInterval);
        // The orchestrators run their current code for this version only: new instances get it from host.json.
        Assert.Equal(MemWorkflow.Functions.Rounds.Workflow.Version, durable["defaultVersion"]!.GetValue<string>());
    }

    [Fact]
    public void AHostJsonWithAnUnknownStrategy_IsRefusedAtStartWithTheKeyNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "extensions": { "durableTask": { "defaultVersion": "1.0", "versionMatchStrategy": "Newest" } } }""");
        try
        {
            var refused = Assert.Throws<InvalidOperationException>(() => HostJson.Read(path));
            Assert.Contains("versionMatchStrategy 'Newest'", refused.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AHostJsonWithoutVersioning_MeansNoVersionAndNoMatching_AsUnderTheFunctionsHost()
    {
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "version": "2.0", /* comments are allowed */ "extensions": { } }""");
        try
        {
            var read = HostJson.Read(path);
            Assert.Equal(("", "None", "Reject"), (read.Durable.DefaultVersion, read.Durable.MatchStrategy.ToString(), read.Durable.FailureStrategy.ToString()));
            // And the Functions host's defaults for what it does not say.
            Assert.Equal(TimeSpan.FromSeconds(30), read.Durable.MaxQueuePollingInterval);
            Assert.Equal(new HostJson.QueueSettings(TimeSpan.FromMinutes(1), TimeSpan.Zero, 5), read.Queues);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
