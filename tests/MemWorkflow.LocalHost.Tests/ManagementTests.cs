using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.LocalHost.Durable.Tests;

[Collection(DurableCollection.Name)]
public sealed class ManagementTests(DurableFixture fixture)
{
    DurableTaskClient Client => fixture.Host.Client;

    [Fact]
    public async Task Query_filters_by_prefix_and_status_and_pages()
    {
        string prefix = $"q{Guid.NewGuid():N}"[..12] + "-";
        for (int i = 0; i < 3; i++)
        {
            await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions($"{prefix}run-{i}"));
        }

        for (int i = 0; i < 2; i++)
        {
            await this.Client.ScheduleNewOrchestrationInstanceAsync("FanOutParent", 1, new StartOrchestrationOptions($"{prefix}done-{i}"));
        }

        await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions($"other-{prefix}"));
        foreach (string id in new[] { $"{prefix}done-0", $"{prefix}done-1" })
        {
            await this.Client.WaitForInstanceCompletionAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }

        foreach (string id in Enumerable.Range(0, 3).Select(i => $"{prefix}run-{i}"))
        {
            await this.Client.WaitForInstanceStartAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }

        List<OrchestrationMetadata> running = await ToListAsync(this.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Running],
        }));
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $"{prefix}run-{i}"), running.Select(m => m.InstanceId).Order());

        // Fan-out children share the prefix ("{parent}.1"), so "completed" holds parents and children.
        List<OrchestrationMetadata> completed = await ToListAsync(this.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed],
            PageSize = 1,
            FetchInputsAndOutputs = true,
        }));
        Assert.Equal(4, completed.Count);
        Assert.All(completed, m => Assert.NotNull(m.SerializedOutput));

        List<OrchestrationMetadata> everything = await ToListAsync(this.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(-5),
        }));
        Assert.Equal(7, everything.Count);
        Assert.All(everything, m => Assert.Null(m.SerializedInput));

        foreach (string id in Enumerable.Range(0, 3).Select(i => $"{prefix}run-{i}").Append($"other-{prefix}"))
        {
            await this.Client.TerminateInstanceAsync(id);
        }
    }

    // As the Functions host's Azure Storage backend does: a purge by id deletes a live instance too (the supervisor
    // frees a wedged workflow so), and the id can be started again.
    [Fact]
    public async Task Purge_by_id_deletes_a_live_instance_whose_id_can_then_be_started_again()
    {
        string id = $"live-{Guid.NewGuid():N}";
        await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions(id));
        await this.Client.WaitForInstanceStartAsync(id);

        Assert.Equal(1, (await this.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        Assert.Null(await this.Client.GetInstanceAsync(id));

        await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions(id));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await this.Client.WaitForInstanceStartAsync(id)).RuntimeStatus);
        await this.Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task Terminate_suspend_resume_and_purge()
    {
        string id = $"term-{Guid.NewGuid():N}";
        await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions(id));
        await this.Client.WaitForInstanceStartAsync(id);

        await this.Client.SuspendInstanceAsync(id, "pause");
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await this.Client.ResumeInstanceAsync(id, "go on");
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await this.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "stopped by test" });
        OrchestrationMetadata terminated = await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("stopped by test", terminated.ReadOutputAs<string>());

        PurgeResult purged = await this.Client.PurgeInstanceAsync(id);
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await this.Client.GetInstanceAsync(id));
        Assert.Equal(0, (await this.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);

        await Assert.ThrowsAsync<NotSupportedException>(
            () => this.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Recursive = true }));
    }

    [Fact]
    public async Task Purge_by_filter_removes_only_ended_instances()
    {
        DateTimeOffset from = DateTimeOffset.UtcNow.AddSeconds(-1);
        string done = await this.Client.ScheduleNewOrchestrationInstanceAsync("FanOutParent", 1);
        string live = await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever");
        await this.Client.WaitForInstanceCompletionAsync(done, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        await this.Client.WaitForInstanceStartAsync(live);

        // Asking for Running as well must still leave the live instance alone.
        PurgeResult result = await this.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(
            from, DateTimeOffset.UtcNow.AddSeconds(1), [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Running]));

        Assert.True(result.PurgedInstanceCount >= 2, $"purged {result.PurgedInstanceCount}"); // parent + child
        Assert.Null(await this.Client.GetInstanceAsync(done));
        Assert.NotNull(await this.Client.GetInstanceAsync(live));
        await this.Client.TerminateInstanceAsync(live);
    }

    async Task WaitForStatusAsync(string id, OrchestrationRuntimeStatus status)
    {
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(20));
        while ((await this.Client.GetInstanceAsync(id, timeout.Token))?.RuntimeStatus != status)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    static async Task<List<OrchestrationMetadata>> ToListAsync(AsyncPageable<OrchestrationMetadata> pageable)
    {
        List<OrchestrationMetadata> all = [];
        await foreach (OrchestrationMetadata item in pageable)
        {
            all.Add(item);
        }

        return all;
    }
}
