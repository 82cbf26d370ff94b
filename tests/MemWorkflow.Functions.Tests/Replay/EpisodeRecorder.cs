using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using MemWorkflow.LocalHost.Durable;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>One episode as the local host ran it: the generation's history with the episode's actions appended
/// as the events DurableTask.Core's dispatcher commits for them.</summary>
public sealed record RecordedEpisode(string InstanceId, string Orchestrator, string ExecutionId, IReadOnlyList<HistoryEvent> History)
{
    /// <summary>The events that woke this episode (the activity's result, a timer, a doorbell...).</summary>
    public IReadOnlyList<HistoryEvent> Inputs => HistoryReplayer.Split(History).Inputs;

    public IReadOnlyList<HistoryEvent> Actions => HistoryReplayer.Split(History).Actions;

    /// <summary>The orchestration version the generation runs at.</summary>
    public string Version => History.OfType<ExecutionStartedEvent>().Single().Version;
}

/// <summary>Registered in a test app, it keeps every orchestration episode the local host runs. A generation that
/// continued as new is gone from the History table once its successor starts, so episodes are caught here.</summary>
public sealed class EpisodeRecorder : IOrchestrationEpisodeObserver
{
    public ConcurrentQueue<RecordedEpisode> Episodes { get; } = new();

    public void Executed(OrchestrationRuntimeState state, OrchestratorExecutionResult result)
    {
        var history = HistoryFile.Copy(state.Events);
        history.AddRange(HistoryFile.Copy(result.Actions.Select(Committed)));
        history.Add(new OrchestratorCompletedEvent(-1));
        Episodes.Enqueue(new RecordedEpisode(state.OrchestrationInstance!.InstanceId, state.Name, state.OrchestrationInstance.ExecutionId, history));
    }

    /// <summary>Waits until an episode that matches has been recorded.</summary>
    public async Task WaitForAsync(Func<RecordedEpisode, bool> seen, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!Episodes.Any(seen))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The episode awaited was not recorded within {patience.TotalSeconds:F0} s.");
            await Task.Delay(100);
        }
    }

    // What TaskOrchestrationDispatcher records for each kind of action.
    private static HistoryEvent Committed(OrchestratorAction action) => action switch
    {
        ScheduleTaskOrchestratorAction a => new TaskScheduledEvent(a.Id) { Name = a.Name, Version = a.Version, Input = a.Input },
        CreateTimerOrchestratorAction a => new TimerCreatedEvent(a.Id) { FireAt = a.FireAt },
        CreateSubOrchestrationAction a => new SubOrchestrationInstanceCreatedEvent(a.Id) { Name = a.Name, Version = a.Version, InstanceId = a.InstanceId, Input = a.Input },
        SendEventOrchestratorAction a => new EventSentEvent(a.Id) { Name = a.EventName, InstanceId = a.Instance?.InstanceId, Input = a.EventData },
        OrchestrationCompleteOrchestratorAction { OrchestrationStatus: OrchestrationStatus.ContinuedAsNew } a => new ContinueAsNewEvent(a.Id, a.Result),
        OrchestrationCompleteOrchestratorAction a => new ExecutionCompletedEvent(a.Id, a.Result, a.OrchestrationStatus, a.FailureDetails),
        _ => throw new NotSupportedException($"The recorder does not know {action.GetType().Name}."),
    };
}
