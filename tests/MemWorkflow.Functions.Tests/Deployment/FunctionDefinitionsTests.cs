using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>The Functions host only forwards what a function.json declares, so these files must say
/// exactly what the app maps, both ways. A new endpoint fails here until its function.json is added
/// (the message shows the file to write).</summary>
public sealed class FunctionDefinitionsTests
{
    [Fact]
    public async Task EveryRouteTheAppMaps_HasItsHttpFunction_AndEveryHttpFunction_IsARouteTheAppMaps()
    {
        // The test app has the local mailbox and the manual clock, so every optional route is mapped.
        await using var app = await MemApp.StartAsync();
        var expected = FunctionDefinitions.ExpectedHttp(app.Service<EndpointDataSource>());
        var committed = FunctionDefinitions.Committed().Where(f => f.IsHttp).ToDictionary(f => f.Name);

        var missingOrDifferent = expected
            .Where(f => !committed.TryGetValue(f.Name, out var file) || !JsonNode.DeepEquals(file.Json, f.Json))
            .ToList();
        var unmapped = committed.Keys.Except(expected.Select(f => f.Name)).ToList();

        Assert.True(missingOrDifferent.Count == 0 && unmapped.Count == 0,
            "The function definitions do not match the app's routes.\n" +
            string.Concat(missingOrDifferent.Select(f => $"Write {f}\n")) +
            string.Concat(unmapped.Select(name => $"Delete FunctionDefinitions/{name}: the app maps no such route.\n")));
        Assert.Equal(expected.Count, expected.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public async Task EveryTriggerEndpoint_HasItsNonHttpFunction_AndEveryNonHttpFunction_HasItsEndpoint()
    {
        await using var app = await MemApp.StartAsync();
        var endpoints = FunctionDefinitions.TriggerEndpoints(app.Service<EndpointDataSource>());
        var functions = FunctionDefinitions.Committed().Where(f => !f.IsHttp).Select(f => f.Name);

        Assert.Equal(functions.Order(StringComparer.Ordinal), endpoints.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.All(endpoints, e => Assert.Equal(["POST"], e.Methods));
    }

    [Fact]
    public void FunctionFolders_HoldOnlyAFunctionJson_UnderANameAzureAccepts()
    {
        foreach (var dir in Directory.GetDirectories(FunctionDefinitions.Folder))
        {
            Assert.Matches(new Regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$"), Path.GetFileName(dir));
            Assert.Equal(["function.json"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        }
        Assert.Empty(Directory.GetFiles(FunctionDefinitions.Folder));
    }

    [Fact]
    public void Tick_IsATimerOnTheScheduleItsAppSettingGives_EveryFiveMinutesByDefault()
    {
        var tick = Assert.Single(FunctionDefinitions.Committed(), f => f.Name == "Tick");
        Assert.Equal("timerTrigger", tick.Trigger["type"]!.GetValue<string>());
        // The payload key the app reads (Data.timer) is the binding's name.
        Assert.Equal("timer", tick.Trigger["name"]!.GetValue<string>());
        Assert.Equal("%MemTickSchedule%", tick.Trigger["schedule"]!.GetValue<string>());

        var local = JsonNode.Parse(File.ReadAllText(Repository.Path("local.settings.sample.json")))!;
        Assert.Equal("0 */5 * * * *", local["Values"]!["MemTickSchedule"]!.GetValue<string>());
    }
}
