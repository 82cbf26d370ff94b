using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.DurableTask;

namespace MemWorkflow.LocalHost.Durable.Tests;

public sealed record GreetingRequest(string PersonName, int Times);

public sealed record GreetingResult(string Text, int ScopeId, DateTimeOffset At);

public sealed record ChildResult(int Square, string? ParentId);

public sealed record CounterState(int Count, List<int> Seen);

// Scoped, so each invocation's instance shows which DI scope built it.
public sealed class ScopeMarker
{
    static int next;

    public int Id { get; } = Interlocked.Increment(ref next);
}

// Test-only side channel: orchestrators report (outside replay) when they reacted, so latency can be timed.
public static class Probe
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource<long>> Reactions = new();

    public static readonly ConcurrentDictionary<string, int> Starts = new();

    public static TaskCompletionSource<long> For(string key)
        => Reactions.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed class GreetingFunctions(ScopeMarker scope)
{
    [Function("Greeter")]
    public async Task<GreetingResult> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        GreetingRequest request = context.GetInput<GreetingRequest>()!;
        DateTimeOffset at = await context.CallActivityAsync<DateTimeOffset>("ClockNow");

        // Upper-case keys on purpose: the activity's record parameter must still bind.
        Dictionary<string, object?> shouted = new() { ["PERSONNAME"] = request.PersonName, ["TIMES"] = request.Times };
        GreetingResult made = await context.CallActivityAsync<GreetingResult>("MakeGreeting", shouted);
        return made with { At = at };
    }

    [Function("MakeGreeting")]
    public Task<GreetingResult> MakeGreeting(
        [ActivityTrigger] GreetingRequest request, FunctionContext? functionContext, CancellationToken cancellation)
    {
        string text = string.Join(" ", Enumerable.Repeat($"Hello {request.PersonName}!", request.Times));
        return Task.FromResult(new GreetingResult(
            text + (functionContext is null ? "" : " (ctx)") + (cancellation.CanBeCanceled ? " (ct)" : ""),
            scope.Id,
            default));
    }

    [Function("ScopeProbe")]
    public async Task<int[]> ScopeProbe([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        int first = await context.CallActivityAsync<int>("WhichScope");
        int second = await context.CallActivityAsync<int>("WhichScope");
        return [first, second];
    }

    [Function("WhichScope")]
    public int WhichScope([ActivityTrigger] object? input) => scope.Id;

    [Function("Faulty")]
    public static async Task<string> Faulty([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            await context.CallActivityAsync("Explode", "first");
            return "unreachable";
        }
        catch (TaskFailedException e) when (e.FailureDetails.IsCausedBy<InvalidOperationException>())
        {
            // Caught with full details; now fail the orchestration itself.
            await context.CallActivityAsync("Explode", $"second after {e.FailureDetails.ErrorMessage}");
            return "unreachable";
        }
    }

    [Function("CallMissing")]
    public static async Task<string> CallMissing([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            await context.CallActivityAsync("NoSuchActivity");
            return "unreachable";
        }
        catch (TaskFailedException e)
        {
            return e.FailureDetails.ErrorMessage;
        }
    }

    [Function("Explode")]
    public static Task Explode([ActivityTrigger] string input) => throw new InvalidOperationException($"boom {input}");

    [Function("ClockNow")]
    public static Task<DateTimeOffset> ClockNow([ActivityTrigger] string? input) => Task.FromResult(DateTimeOffset.UtcNow);
}

public sealed class FanOutFunctions
{
    [Function("FanOutParent")]
    public static async Task<int> Parent([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        int count = context.GetInput<int>();
        List<Task<ChildResult>> children = [];
        for (int n = 1; n <= count; n++)
        {
            TaskOptions options = new TaskOptions(retry: null).WithInstanceId($"{context.InstanceId}.{n}");
            children.Add(context.CallSubOrchestratorAsync<ChildResult>("FanOutChild", n, options));
        }

        ChildResult[] results = await Task.WhenAll(children);
        if (results.Any(r => r.ParentId != context.InstanceId))
        {
            throw new InvalidOperationException("A child did not see its parent instance.");
        }

        return results.Sum(r => r.Square);
    }

    [Function("FanOutChild")]
    public static async Task<ChildResult> Child([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        int square = await context.CallActivityAsync<int>("Square", context.GetInput<int>());
        return new ChildResult(square, context.Parent?.InstanceId);
    }

    [Function("Square")]
    public static ValueTask<int> Square([ActivityTrigger] int value) => ValueTask.FromResult(value * value);
}

public sealed class EventFunctions
{
    // The approval pattern the rounds use: an external event raced against a durable timer.
    [Function("AwaitApproval")]
    public static async Task<string> AwaitApproval([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        int seconds = context.GetInput<int>();
        using CancellationTokenSource cancel = new();
        Task<string> approval = context.WaitForExternalEvent<string>("Approve", cancel.Token);
        Task timeout = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(seconds), cancel.Token);
        Task winner = await Task.WhenAny(approval, timeout);
        cancel.Cancel();
        return winner == approval ? $"approved:{approval.Result}" : "timeout";
    }

    [Function("PingLoop")]
    public static async Task<int> PingLoop([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        int count = context.GetInput<int>();
        for (int i = 0; i < count; i++)
        {
            await context.WaitForExternalEvent<int>("ping");
            if (!context.IsReplaying)
            {
                Probe.For($"{context.InstanceId}/{i}").TrySetResult(Stopwatch.GetTimestamp());
            }
        }

        return count;
    }

    [Function("Counter")]
    public static async Task<CounterState> Counter([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        CounterState state = context.GetInput<CounterState>() ?? new CounterState(0, []);
        if (state.Count >= 3)
        {
            return state;
        }

        int value = await context.CallActivityAsync<int>("Square", state.Count + 1);
        context.ContinueAsNew(new CounterState(state.Count + 1, [.. state.Seen, value]));
        return state;
    }

    [Function("WaitForever")]
    public static Task<string> WaitForever([OrchestrationTrigger] TaskOrchestrationContext context)
        => context.WaitForExternalEvent<string>("Release");

    // Counts first (non-replay) executions, to prove an instance id never runs twice at once.
    [Function("StartCounter")]
    public static async Task<string> StartCounter([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        if (!context.IsReplaying)
        {
            Probe.Starts.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        }

        return await context.WaitForExternalEvent<string>("Release");
    }

    [Function("WhatVersion")]
    public static Task<string> WhatVersion([OrchestrationTrigger] TaskOrchestrationContext context)
        => Task.FromResult($"version:{context.Version}");

    [Function("Noop")]
    public static void Noop([ActivityTrigger] string? input)
    {
    }
}
