using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.LocalHost.Durable.Tests;

[Collection(DurableCollection.Name)]
public sealed class OrchestrationTests(DurableFixture fixture)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    DurableTaskClient Client => fixture.Host.Client;

    [Fact]
    public async Task Orchestrator_calls_activities_with_case_insensitive_record_input()
    {
        // Keys cased unlike the record's properties (and unlike the camelCase the converter writes).
        Dictionary<string, object> input = new() { ["PersonName"] = "Ada", ["TIMES"] = 2 };
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("Greeter", input);

        await this.WaitForCompletionAsync(id);
        OrchestrationMetadata? metadata = await this.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.NotNull(metadata);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal("Greeter", metadata.Name);
        GreetingResult result = metadata.ReadOutputAs<GreetingResult>()!;
        Assert.Equal("Hello Ada! Hello Ada!", result.Text);
        Assert.True(result.ScopeId > 0);
        Assert.InRange(result.At, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.Contains("\"TIMES\":2", metadata.SerializedInput);
        Assert.Contains("\"text\":", metadata.SerializedOutput);
        Assert.True(metadata.CreatedAt <= metadata.LastUpdatedAt);
        Assert.InRange(metadata.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Sub_orchestrations_fan_out_with_derived_instance_ids()
    {
        string id = $"fan-{Guid.NewGuid():N}";
        await this.Client.ScheduleNewOrchestrationInstanceAsync("FanOutParent", 5, new StartOrchestrationOptions(id));

        OrchestrationMetadata parent = await this.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, parent.RuntimeStatus);
        Assert.Equal(1 + 4 + 9 + 16 + 25, parent.ReadOutputAs<int>());
        for (int n = 1; n <= 5; n++)
        {
            OrchestrationMetadata? child = await this.Client.GetInstanceAsync($"{id}.{n}", getInputsAndOutputs: true);
            Assert.NotNull(child);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
            Assert.Equal(new ChildResult(n * n, id), child.ReadOutputAs<ChildResult>());
        }
    }

    [Fact]
    public async Task External_event_beats_the_timer()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("AwaitApproval", 60);
        await this.Client.WaitForInstanceStartAsync(id);

        await this.Client.RaiseEventAsync(id, "Approve", "yes");
        OrchestrationMetadata done = await this.WaitForCompletionAsync(id);

        Assert.Equal("approved:yes", done.ReadOutputAs<string>());
        Assert.True(done.LastUpdatedAt - done.CreatedAt < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Timer_wins_when_no_event_comes()
    {
        DateTimeOffset started = DateTimeOffset.UtcNow;
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("AwaitApproval", 3);

        OrchestrationMetadata done = await this.WaitForCompletionAsync(id);
        TimeSpan took = DateTimeOffset.UtcNow - started;

        Assert.Equal("timeout", done.ReadOutputAs<string>());

        // Azure Storage timers are queue messages made visible after FireAt - now, which the queue SDK truncates
        // to whole seconds: a timer can fire up to a second early (2.14 s seen for this 3 s one), or late by the
        // poll back-off. Same engine, same SDK as in Azure, so this is not smoothed over locally.
        Assert.InRange(took, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ContinueAsNew_keeps_the_instance_id_and_carries_state()
    {
        string id = $"counter-{Guid.NewGuid():N}";
        await this.Client.ScheduleNewOrchestrationInstanceAsync("Counter", new CounterState(0, []), new StartOrchestrationOptions(id));

        OrchestrationMetadata done = await this.WaitForCompletionAsync(id);

        Assert.Equal(id, done.InstanceId);
        CounterState state = done.ReadOutputAs<CounterState>()!;
        Assert.Equal(3, state.Count);
        Assert.Equal([1, 4, 9], state.Seen);
    }

    [Fact]
    public async Task Scheduling_a_running_instance_id_again_does_not_start_a_second_one()
    {
        string id = $"once-{Guid.NewGuid():N}";
        await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions(id));
        OrchestrationMetadata first = await this.Client.WaitForInstanceStartAsync(id);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions(id)));

        OrchestrationMetadata? still = await this.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, still!.RuntimeStatus);
        Assert.Equal(first.CreatedAt, still.CreatedAt);

        await this.Client.RaiseEventAsync(id, "Release", "done");
        OrchestrationMetadata done = await this.WaitForCompletionAsync(id);
        Assert.Equal("done", done.ReadOutputAs<string>());

        // Once ended, the same id may be started afresh.
        await this.Client.ScheduleNewOrchestrationInstanceAsync("WaitForever", new StartOrchestrationOptions(id));
        OrchestrationMetadata again = await this.Client.WaitForInstanceStartAsync(id);
        Assert.True(again.CreatedAt > first.CreatedAt);
        await this.Client.TerminateInstanceAsync(id);
    }

    [Fact]
    public async Task StartAt_keeps_the_instance_pending_and_Version_reaches_the_orchestrator()
    {
        // Version and StartAt travel with the start request; StartAt keeps the instance Pending until then
        // (queue visibility is truncated to whole seconds, so the start can be up to a second early).
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync(
            "WhatVersion",
            new StartOrchestrationOptions(StartAt: DateTimeOffset.UtcNow.AddSeconds(3)) { Version = new TaskVersion("v2") });

        OrchestrationMetadata? pending = await this.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);

        OrchestrationMetadata done = await this.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("version:v2", done.ReadOutputAs<string>());
        Assert.True(done.LastUpdatedAt - pending.CreatedAt >= TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task Each_activity_invocation_gets_its_own_DI_scope()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("ScopeProbe");

        int[] scopes = (await this.WaitForCompletionAsync(id)).ReadOutputAs<int[]>()!;

        Assert.Equal(2, scopes.Length);
        Assert.NotEqual(scopes[0], scopes[1]);
    }

    [Fact]
    public async Task Activity_failures_reach_the_orchestrator_and_the_client_as_failure_details()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("Faulty");

        OrchestrationMetadata failed = await this.WaitForCompletionAsync(id);

        // The orchestrator saw the first failure's details (it filtered on IsCausedBy<InvalidOperationException>
        // and quoted the message); the client gets type and message of the final one (Azure Storage keeps no more).
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        TaskFailureDetails details = failed.FailureDetails!;
        Assert.NotNull(details);
        Assert.EndsWith("TaskFailedException", details.ErrorType);
        Assert.Contains("boom second after boom first", details.ErrorMessage);
    }

    [Fact]
    public async Task Unregistered_names_fail_instead_of_retrying_forever()
    {
        string id = await this.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator");

        OrchestrationMetadata failed = await this.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("NoSuchOrchestrator", failed.FailureDetails?.ErrorMessage);

        string caught = (await this.WaitForCompletionAsync(
            await this.Client.ScheduleNewOrchestrationInstanceAsync("CallMissing"))).ReadOutputAs<string>()!;
        Assert.Contains("NoSuchActivity", caught);
    }

    [Fact]
    public async Task Concurrent_starts_of_one_instance_id_run_it_once()
    {
        string id = $"race-{Guid.NewGuid():N}";
        Task<string>[] starts = Enumerable.Range(0, 5)
            .Select(_ => Task.Run(() => this.Client.ScheduleNewOrchestrationInstanceAsync("StartCounter", new StartOrchestrationOptions(id))))
            .ToArray();
        try
        {
            await Task.WhenAll(starts);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Expected for the losers that saw the winner's row.
        }

        await this.Client.WaitForInstanceStartAsync(id);
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a duplicate start message to be (wrongly) run
        await this.Client.RaiseEventAsync(id, "Release", "ok");
        OrchestrationMetadata done = await this.WaitForCompletionAsync(id);

        Assert.Equal("ok", done.ReadOutputAs<string>());
        Assert.Equal(1, Probe.Starts[id]);
        Assert.Contains(starts, t => t.IsCompletedSuccessfully);
    }

    async Task<OrchestrationMetadata> WaitForCompletionAsync(string id)
    {
        using CancellationTokenSource timeout = new(Patience);
        return await this.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }
}
