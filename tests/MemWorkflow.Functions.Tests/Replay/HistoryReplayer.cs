using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using MemWorkflow.LocalHost;
using MemWorkflow.LocalHost.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>Replays a recorded history against the orchestrators registered now, as Temporal's replayer does:
/// the generation's earlier episodes are the past, its last episode's inputs are new events, and the code must
/// answer exactly the actions the history recorded (same kinds, names and order), or the change would break an
/// instance in flight. It builds the orchestrators through the local host's own registry and shims.</summary>
public sealed class HistoryReplayer(ServiceProvider services) : IDisposable
{
    private readonly LocalOrchestrationRunner runner = LocalOrchestrationRunner.FromServices(services);

    /// <summary>Today's app, registered as the local host registers it; <paramref name="configure"/> may
    /// replace registrations (a deliberately changed orchestrator).</summary>
    public static HistoryReplayer ForTodaysCode(Action<DurableFunctionRegistry>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MemTaskHub"] = "replay" }).Build();
        var collection = new ServiceCollection().AddLogging().AddDurableFunctions(configuration);
        if (configure is not null)
            collection.ConfigureDurableFunctions(configure);
        return new HistoryReplayer(collection.BuildServiceProvider());
    }

    /// <summary>Null when today's code replays the history exactly; otherwise what differs.</summary>
    public async Task<string?> ReplayAsync(IReadOnlyList<HistoryEvent> history)
    {
        var (past, inputs, expected) = Split(history);
        var state = new OrchestrationRuntimeState(HistoryFile.Copy(past));
        foreach (var input in HistoryFile.Copy(inputs))
            state.AddEvent(input);

        OrchestratorExecutionResult result;
        try
        {
            result = await runner.ExecuteAsync(state, entities: null);
        }
        catch (Exception e)
        {
            return $"replay threw {e.GetType().Name}: {e.Message}";
        }

        var recorded = expected.Select(Describe).ToList();
        var answered = result.Actions.Select(Describe).ToList();
        return recorded.SequenceEqual(answered, StringComparer.Ordinal)
            ? null
            : $"the history recorded [{string.Join("; ", recorded)}] but today's code answered [{string.Join("; ", answered)}]";
    }

    /// <summary>A history ends with its last episode's OrchestratorCompleted; everything up to the episode
    /// before is past, and the last episode's events are either its inputs or the records of its actions.</summary>
    public static (IReadOnlyList<HistoryEvent> Past, IReadOnlyList<HistoryEvent> Inputs, IReadOnlyList<HistoryEvent> Actions) Split(IReadOnlyList<HistoryEvent> history)
    {
        if (history.Count == 0 || history[^1] is not OrchestratorCompletedEvent)
            throw new InvalidDataException("A recorded history must end with the OrchestratorCompleted of its last episode.");
        var boundary = -1;
        for (var i = history.Count - 2; i >= 0 && boundary < 0; i--)
            if (history[i] is OrchestratorCompletedEvent)
                boundary = i;
        var episode = history.Skip(boundary + 1).Take(history.Count - boundary - 2).ToList();
        return (history.Take(boundary + 1).ToList(), episode.Where(e => !IsAction(e)).ToList(), episode.Where(IsAction).ToList());
    }

    private static bool IsAction(HistoryEvent e) => e.EventType is EventType.TaskScheduled or EventType.TimerCreated
        or EventType.SubOrchestrationInstanceCreated or EventType.EventSent or EventType.ExecutionCompleted or EventType.ContinueAsNew;

    private static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent t => $"call activity {t.Name}",
        TimerCreatedEvent => "create timer",
        SubOrchestrationInstanceCreatedEvent s => $"start {s.Name} as {s.InstanceId}",
        EventSentEvent s => $"send {s.Name} to {s.InstanceId}",
        ContinueAsNewEvent => "continue as new",
        ExecutionCompletedEvent c => $"end {c.OrchestrationStatus}",
        _ => e.EventType.ToString(),
    };

    private static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskOrchestratorAction t => $"call activity {t.Name}",
        CreateTimerOrchestratorAction => "create timer",
        CreateSubOrchestrationAction s => $"start {s.Name} as {s.InstanceId}",
        SendEventOrchestratorAction s => $"send {s.EventName} to {s.Instance?.InstanceId}",
        OrchestrationCompleteOrchestratorAction { OrchestrationStatus: OrchestrationStatus.ContinuedAsNew } => "continue as new",
        OrchestrationCompleteOrchestratorAction { FailureDetails: { } failure } c => $"end {c.OrchestrationStatus} ({failure.ErrorType}: {failure.ErrorMessage})",
        OrchestrationCompleteOrchestratorAction c => $"end {c.OrchestrationStatus}",
        _ => action.GetType().Name,
    };

    public void Dispose() => services.Dispose();
}
