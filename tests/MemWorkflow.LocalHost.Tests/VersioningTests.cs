using System.Diagnostics;
using DurableTask.Core.Settings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace MemWorkflow.LocalHost.Durable.Tests;

// host.json's versioning as the local host applies it: a worker at version 1.0 under CurrentOrOlder.
[Collection(DurableCollection.Name)]
public sealed class VersioningTests(DurableFixture fixture, ITestOutputHelper output)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    DurableTestHost Host(string hub, string version, VersioningSettings.VersionFailureStrategy failure)
        => DurableTestHost.Create(fixture.Azurite.ConnectionString, hub, configure: options =>
        {
            options.DefaultVersion = version;
            options.VersionMatchStrategy = VersioningSettings.VersionMatchStrategy.CurrentOrOlder;
            options.VersionFailureStrategy = failure;
        });

    static StartOrchestrationOptions At(string id, string? version)
        => new(id) { Version = version is null ? null : new TaskVersion(version) };

    [Fact]
    public async Task A_newer_version_is_rejected_and_left_pending_for_a_worker_that_can_run_it()
    {
        string hub = DurableTestHost.NewTaskHubName("reject");
        string newer = $"newer-{Guid.NewGuid():N}";
        string current = $"current-{Guid.NewGuid():N}";
        await using (DurableTestHost old = this.Host(hub, "1.0", VersioningSettings.VersionFailureStrategy.Reject))
        {
            await old.StartAsync();
            await old.Client.ScheduleNewOrchestrationInstanceAsync("VersionProbe", null, At(newer, "2.0"));
            await old.Client.ScheduleNewOrchestrationInstanceAsync("VersionProbe", null, At(current, null));

            // The worker is demonstrably working the same queue: the instance it may run completes.
            using CancellationTokenSource timeout = new(Patience);
            OrchestrationMetadata ran = await old.Client.WaitForInstanceCompletionAsync(current, getInputsAndOutputs: true, timeout.Token);
            Assert.Equal("1.0/1.0", ran.ReadOutputAs<string>());
            await Task.Delay(TimeSpan.FromSeconds(2));
            OrchestrationMetadata? left = await old.Client.GetInstancesAsync(newer);
            Assert.Equal(OrchestrationRuntimeStatus.Pending, left!.RuntimeStatus);
        }

        // A worker of the newer release on the same hub takes it up: rejected work was delayed, not lost.
        await using DurableTestHost next = this.Host(hub, "2.0", VersioningSettings.VersionFailureStrategy.Reject);
        Stopwatch clock = Stopwatch.StartNew();
        await next.StartAsync();
        using CancellationTokenSource wait = new(Patience);
        OrchestrationMetadata done = await next.Client.WaitForInstanceCompletionAsync(newer, getInputsAndOutputs: true, wait.Token);
        output.WriteLine($"rejected instance completed on the 2.0 worker {clock.ElapsedMilliseconds} ms after it started");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("2.0/2.0", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_newer_version_is_failed_with_a_version_mismatch_under_the_Fail_strategy()
    {
        await using DurableTestHost host = this.Host(DurableTestHost.NewTaskHubName("fail"), "1.0", VersioningSettings.VersionFailureStrategy.Fail);
        await host.StartAsync();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("VersionProbe", null, At($"fail-{Guid.NewGuid():N}", "2.0"));

        using CancellationTokenSource timeout = new(Patience);
        OrchestrationMetadata failed = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal("VersionMismatch", failed.FailureDetails?.ErrorType);
        Assert.Contains("version", failed.FailureDetails?.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await host.Client.GetInstancesAsync($"{id}.child"));
    }

    [Theory]
    [InlineData("0.9", "0.9/1.0")]
    [InlineData("1.0", "1.0/1.0")]
    [InlineData(null, "1.0/1.0")]
    public async Task An_older_or_equal_version_runs_and_sub_orchestrations_get_the_default_version(string? version, string expected)
    {
        await using DurableTestHost host = this.Host(DurableTestHost.NewTaskHubName("run"), "1.0", VersioningSettings.VersionFailureStrategy.Fail);
        await host.StartAsync();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("VersionProbe", null, At($"run-{Guid.NewGuid():N}", version));

        using CancellationTokenSource timeout = new(Patience);
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(expected, done.ReadOutputAs<string>());
    }
}
