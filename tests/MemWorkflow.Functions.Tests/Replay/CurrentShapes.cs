using DurableTask.Core.History;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Rounds;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>One generation shape to check in: its file name, what the generation was doing, and the episode.</summary>
public sealed record Shape(string Name, string Description, RecordedEpisode Episode);

/// <summary>The generation shapes today's orchestrators (<see cref="Workflow.Version"/>) produce, picked from
/// the episodes of the run <see cref="RecordHistoriesTests"/> drives: JAM goes the plain way (issued,
/// doorbell, final), MEX's email is refused for a while and then its step fails and recovers.</summary>
public static class CurrentShapes
{
    public static readonly IReadOnlyList<string> Names =
    [
        "evaluation-advancing", "evaluation-issued", "evaluation-email-retry", "evaluation-timer-fired", "evaluation-clock-advanced",
        "evaluation-doorbell", "evaluation-after-doorbell", "evaluation-final",
        "evaluation-step-failed", "evaluation-step-paused", "evaluation-step-woken", "evaluation-step-recovered",
        "round-supervising", "round-waiting", "round-evaluation-finished", "round-completed",
    ];

    public static IReadOnlyList<Shape> Select(IReadOnlyList<RecordedEpisode> episodes, string roundId, string mex, string jam)
    {
        var shapes = new List<Shape>();
        void Add(string name, string description, Func<RecordedEpisode, bool> which) =>
            shapes.Add(new Shape(name, description, episodes.FirstOrDefault(which)
                ?? throw new InvalidOperationException($"No episode of the run has the shape {name}.")));

        Add("evaluation-advancing", "A generation that has just asked the aggregate what is due (AdvanceEvaluation scheduled).",
            e => e.InstanceId == jam && e.Actions is [TaskScheduledEvent { Name: nameof(EvaluationActivities.AdvanceEvaluation) }]);
        Add("evaluation-issued", "The first generation: it issued the questionnaire and sleeps on its timer, the doorbell and the clock.",
            e => e.InstanceId == jam && e.Actions is [TimerCreatedEvent]);
        Add("evaluation-email-retry", "Mid email retry: SendGrid refused (500), the activity answered a retry time and the generation sleeps until it.",
            e => e.InstanceId == mex && e.Actions is [TimerCreatedEvent] && e.Inputs.OfType<TaskCompletedEvent>().Any(c => c.Result.Contains("email delivery", StringComparison.Ordinal)));
        Add("evaluation-timer-fired", "The timer fired: the generation continues as new.",
            e => e.InstanceId == mex && e.Inputs.OfType<TimerFiredEvent>().Any() && !e.Calls(nameof(WorkflowActivities.RecordStepFailure)) && e.EndsIn<ContinueAsNewEvent>());
        Add("evaluation-clock-advanced", "The manual clock moved (ClockAdvanced): the generation continues as new.",
            e => e.Orchestrator == EvaluationOrchestrator.Name && e.WokenBy(Workflow.ClockAdvanced) && !e.Calls(nameof(WorkflowActivities.RecordStepFailure)) && e.EndsIn<ContinueAsNewEvent>());
        Add("evaluation-doorbell", "The doorbell rang (EvaluationChanged after a command on the evaluation): the generation continues as new.",
            e => e.InstanceId == jam && e.WokenBy(Workflow.EvaluationChanged) && e.EndsIn<ContinueAsNewEvent>());
        Add("evaluation-after-doorbell", "The generation after a doorbell: it planned from the evaluation as changed and sleeps on its timer.",
            After(episodes, shapes[^1].Episode, e => e.InstanceId == jam && e.Actions is [TimerCreatedEvent]));
        Add("evaluation-final", "The generation that found the report published and its emails delivered: it tells the round (EvaluationFinished) and completes.",
            e => e.InstanceId == jam && e.Actions is [EventSentEvent { Name: Workflow.EvaluationFinished }, ExecutionCompletedEvent] && e.EndsIn<ExecutionCompletedEvent>());

        Add("evaluation-step-failed", "AdvanceEvaluation failed after its retries (storage refused the evaluation's row): the generation records the failure (RecordStepFailure scheduled).",
            e => e.InstanceId == mex && e.Actions is [TaskScheduledEvent { Name: nameof(WorkflowActivities.RecordStepFailure) }]);
        Add("evaluation-step-paused", "The failure is recorded: the generation pauses on its timer (or the clock) before trying again.",
            e => e.InstanceId == mex && e.Calls(nameof(WorkflowActivities.RecordStepFailure)) && e.Actions is [TimerCreatedEvent]);
        Add("evaluation-step-woken", "The manual clock woke the pause after a failed step: the generation continues as new with one more failure.",
            e => e.InstanceId == mex && e.Calls(nameof(WorkflowActivities.RecordStepFailure)) && e.WokenBy(Workflow.ClockAdvanced) && e.EndsIn<ContinueAsNewEvent>());
        Add("evaluation-step-recovered", "The generation after failed steps whose AdvanceEvaluation succeeded: it records the recovery (RecordStepRecovered scheduled).",
            e => e.InstanceId == mex && e.Actions is [TaskScheduledEvent { Name: nameof(WorkflowActivities.RecordStepRecovered) }]);

        Add("round-supervising", "The round's generation that has just asked how the round stands and made its evaluations' workflows run (SuperviseRound scheduled).",
            e => e.InstanceId == roundId && e.Actions is [TaskScheduledEvent { Name: nameof(WorkflowActivities.SuperviseRound) }]);
        Add("round-waiting", "Not every evaluation is final: the round's generation sleeps on its heartbeat timer and waits for EvaluationFinished.",
            e => e.InstanceId == roundId && e.Actions is [TimerCreatedEvent]);
        Add("round-evaluation-finished", "An evaluation's workflow ended (EvaluationFinished): the round's generation continues as new.",
            e => e.InstanceId == roundId && e.WokenBy(Workflow.EvaluationFinished) && e.EndsIn<ContinueAsNewEvent>());
        Add("round-completed", "Every evaluation is final: the round's generation closed the round (CloseRound) and completed.",
            e => e.InstanceId == roundId && e.Calls(nameof(WorkflowActivities.CloseRound)) && e.EndsIn<ExecutionCompletedEvent>());
        return shapes;
    }

    /// <summary>The first episode after <paramref name="earlier"/> that matches.</summary>
    private static Func<RecordedEpisode, bool> After(IReadOnlyList<RecordedEpisode> episodes, RecordedEpisode earlier, Func<RecordedEpisode, bool> which)
    {
        var start = episodes.ToList().IndexOf(earlier);
        var found = episodes.Skip(start + 1).FirstOrDefault(which);
        return e => ReferenceEquals(e, found);
    }
}

/// <summary>What an episode did, for picking shapes and waiting for them.</summary>
public static class EpisodeShape
{
    // ContinueAsNewEvent is an ExecutionCompletedEvent too: asking for the latter means a generation that ended for good.
    public static bool EndsIn<T>(this RecordedEpisode episode) where T : HistoryEvent =>
        episode.Actions.LastOrDefault() is T last && (typeof(T) == typeof(ContinueAsNewEvent) || last is not ContinueAsNewEvent);

    /// <summary>The episode was woken by the external event <paramref name="name"/>.</summary>
    public static bool WokenBy(this RecordedEpisode episode, string name) =>
        episode.Inputs.OfType<EventRaisedEvent>().Any(r => r.Name == name);

    /// <summary>The generation scheduled the activity <paramref name="activity"/>, in this episode or before.</summary>
    public static bool Calls(this RecordedEpisode episode, string activity) =>
        episode.History.OfType<TaskScheduledEvent>().Any(t => t.Name == activity);
}
