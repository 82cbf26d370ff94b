using System.Net;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.LocalHost.Durable;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>A deploy in the middle of a round: the previous release (its orchestrators and its host.json, kept in
/// PreviousRelease/) starts the round, then today's app takes over the same tables and task hub.</summary>
public sealed class UpgradeTests(ITestOutputHelper output)
{
    private static readonly string PreviousHostJson = Path.Combine(AppContext.BaseDirectory, "Replay", "PreviousRelease", "host.json");

    private static Task<MemApp> PreviousReleaseAsync() => MemApp.StartAsync(
        // Its host.json polls at the extension's 30 s; the local host of that release polled at 1 s, and so does this test.
        new Dictionary<string, string?> { ["Mem:Durable:HostJson"] = PreviousHostJson, ["Mem:Durable:MaxQueuePollingInterval"] = "00:00:01" },
        services => services.ConfigureDurableFunctions(registry => registry
            .ReplaceOrchestratorMethod(EvaluationOrchestrator.Name, typeof(PreviousRelease.EvaluationOrchestrator).GetMethod(nameof(PreviousRelease.EvaluationOrchestrator.Run))!)
            .ReplaceOrchestratorMethod(RoundOrchestrator.Name, typeof(PreviousRelease.RoundOrchestrator).GetMethod(nameof(PreviousRelease.RoundOrchestrator.Run))!)));

    [Fact]
    public async Task ARoundStartedByThePreviousRelease_ContinuesAndPublishesUnderTodaysCode()
    {
        DrivenRound round;
        string tablePrefix;
        await using (var previous = await PreviousReleaseAsync())
        {
            tablePrefix = previous.TablePrefix;
            round = await RoundDriver.StartAsync(previous, "MEX", "JAM");
            await previous.SettleAsync(round.RoundId);
            await RoundDriver.SubmitAsync(previous, round, "MEX");
            var before = await previous.SettleAsync(round.RoundId);
            output.WriteLine($"previous release: {before.ToJsonString()}");
            Assert.Equal("MEX submitted, JAM issued", Stages(before));
            Assert.All(await VersionsAsync(previous, round.RoundId), v => Assert.Equal(PreviousVersion(), v));
        }

        // The deploy: today's code on the same tables and task hub, picking up the instances where they wait.
        await using var today = await MemApp.StartAsync(tablePrefix: tablePrefix);
        var after = await today.SettleAsync(round.RoundId);
        output.WriteLine($"today's code: {after.ToJsonString()}");
        Assert.Equal("MEX submitted, JAM issued", Stages(after));
        await RoundDriver.SubmitAsync(today, round, "JAM");
        await RoundDriver.PublishAsync(today, round, "MEX", "JAM");

        var status = await (await today.Admin().GetAsync($"/api/rounds/{round.RoundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("closed", status["status"].Str());
        foreach (var state in new[] { "MEX", "JAM" })
            Assert.Equal(HttpStatusCode.OK, (await today.Client().GetAsync($"/api/reports/{round.RoundId}/{state}")).StatusCode);
        var client = today.Service<DurableTaskClient>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var roundWorkflow = await client.WaitForInstanceCompletionAsync(Workflow.RoundInstance(round.RoundId), timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, roundWorkflow.RuntimeStatus);
        // Each evaluation's workflow continued as new under today's code at least once (every doorbell ends a
        // generation), so it must now run at today's version: the generation boundary is where versions move.
        var versions = await VersionsAsync(today, round.RoundId);
        output.WriteLine($"versions after the round (round, MEX, JAM): {string.Join(", ", versions)}");
        var current = MemWorkflow.LocalHost.HostJson.Read(MemWorkflow.LocalHost.HostJson.DefaultPath).Durable.DefaultVersion;
        Assert.All(versions.Skip(1), v => Assert.Equal(current, v));
    }

    private static string PreviousVersion() => MemWorkflow.LocalHost.HostJson.Read(PreviousHostJson).Durable.DefaultVersion;

    private static string Stages(JsonNode workflow) =>
        string.Join(", ", workflow["evaluations"]!.AsArray().OrderByDescending(e => e!["memberState"].Str(), StringComparer.Ordinal).Select(e => $"{e!["memberState"].Str()} {e["stage"].Str()}"));

    // The version each of the round's instances runs at (ContinueAsNew keeps it unless the code names a new one).
    private static async Task<List<string>> VersionsAsync(MemApp app, string roundId)
    {
        // DurableTaskClient 1.28's OrchestrationMetadata has no version: ask the orchestration service.
        var service = app.Service<LocalDurableWorker>().Service;
        var versions = new List<string>();
        foreach (var id in new[] { Workflow.RoundInstance(roundId), Workflow.EvaluationInstance(roundId, "MEX"), Workflow.EvaluationInstance(roundId, "JAM") })
            versions.Add((await service.GetOrchestrationStateAsync(id, allExecutions: false)).Single().Version ?? "");
        return versions;
    }
}
