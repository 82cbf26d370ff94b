using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace MemWorkflow.LocalHost.Durable.Tests;

[Collection(DurableCollection.Name)]
public sealed class RestartTests(DurableFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_new_worker_on_the_same_hub_resumes_a_waiting_orchestration()
    {
        string hub = DurableTestHost.NewTaskHubName("restart");
        string id = $"resume-{Guid.NewGuid():N}";

        await using (DurableTestHost first = DurableTestHost.Create(fixture.Azurite.ConnectionString, hub))
        {
            await first.StartAsync();
            await first.Client.ScheduleNewOrchestrationInstanceAsync("AwaitApproval", 120, new StartOrchestrationOptions(id));
            await first.Client.WaitForInstanceStartAsync(id);
            Stopwatch stopping = Stopwatch.StartNew();
            await first.StopAsync();
            output.WriteLine($"graceful stop: {stopping.ElapsedMilliseconds} ms");
        }

        // The event is sent while no worker runs; it waits in the control queue.
        await using DurableTestHost second = DurableTestHost.Create(fixture.Azurite.ConnectionString, hub);
        await second.Client.RaiseEventAsync(id, "Approve", "after restart");
        Stopwatch clock = Stopwatch.StartNew();
        await second.StartAsync();

        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(40));
        OrchestrationMetadata done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        string line = $"restart: host start {second.HostStartTime.TotalMilliseconds:F0} ms (existing hub), " +
            $"start->resumed orchestration completed {clock.ElapsedMilliseconds} ms";
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "measurements.txt"), $"{DateTimeOffset.UtcNow:O} {line}\n");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved:after restart", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task The_same_worker_object_can_be_stopped_and_started_again()
    {
        string hub = DurableTestHost.NewTaskHubName("again");
        await using DurableTestHost host = DurableTestHost.Create(fixture.Azurite.ConnectionString, hub);
        await host.StartAsync();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitApproval", 120);
        await host.Client.WaitForInstanceStartAsync(id);

        Stopwatch clock = Stopwatch.StartNew();
        await host.Worker.StopAsync(CancellationToken.None);
        Assert.False(host.Worker.IsRunning);
        long stopped = clock.ElapsedMilliseconds;
        await host.Worker.StartAsync(CancellationToken.None);
        long started = clock.ElapsedMilliseconds;
        await host.Client.RaiseEventAsync(id, "Approve", "again");

        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(40));
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        output.WriteLine($"same worker: stop {stopped} ms, start {started - stopped} ms, event->completed {clock.ElapsedMilliseconds - started} ms");
        Assert.Equal("approved:again", done.ReadOutputAs<string>());
    }
}
