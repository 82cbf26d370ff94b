using System.Text.Json.Serialization;
using MemWorkflow.Core.Workflow;

namespace MemWorkflow.Core.Rounds;

public enum RoundStatus
{
    Open,
    Cancelled,
    Closed,
}

public sealed record RoundSettings(
    string ThematicEvaluationId,
    IReadOnlyList<RoundCountry> Countries,
    EvaluationPeriod EvaluationPeriod,
    string Language,
    RoundSchedule Schedule,
    int ExpertsPerEvaluation,
    bool CountryReview);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RoundStarted), "roundStarted")]
[JsonDerivedType(typeof(RoundCancelled), "roundCancelled")]
public abstract record RoundEvent;

public sealed record RoundStarted(string RoundId, RoundSettings Settings, DateTimeOffset At) : RoundEvent;

public sealed record RoundCancelled(string Reason, DateTimeOffset At) : RoundEvent;

public abstract record RoundCommand(Actor Actor, DateTimeOffset Now);

public sealed record StartRound(string RoundId, RoundSettings Settings, Actor Actor, DateTimeOffset Now) : RoundCommand(Actor, Now);

public sealed record CancelRound(string Reason, Actor Actor, DateTimeOffset Now) : RoundCommand(Actor, Now);

public sealed record RoundState(
    string RoundId,
    RoundSettings Settings,
    RoundStatus Status,
    DateTimeOffset StartedAt,
    string? CancellationReason)
{
    public RoundCountry? Country(string memberState) =>
        Settings.Countries.FirstOrDefault(c => c.MemberState == memberState);
}

public static class RoundDecider
{
    public static Decision<RoundEvent> Decide(RoundCommand command, RoundState? state) => (command, state) switch
    {
        (StartRound start, null) => Decision<RoundEvent>.Of(new RoundStarted(start.RoundId, start.Settings, start.Now)),
        (StartRound, not null) => Decision<RoundEvent>.Refuse(RejectionKind.Conflict, $"Round {state.RoundId} already exists."),
        (_, null) => Decision<RoundEvent>.Refuse(RejectionKind.NotFound, "The round does not exist."),
        (CancelRound, { Status: RoundStatus.Cancelled }) => Decision<RoundEvent>.Nothing,
        (CancelRound, { Status: RoundStatus.Closed }) =>
            Decision<RoundEvent>.Refuse(RejectionKind.Conflict, "The round is closed: every evaluation is already published or withdrawn."),
        (CancelRound cancel, _) => Decision<RoundEvent>.Of(new RoundCancelled(cancel.Reason, cancel.Now)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown round command."),
    };

    public static RoundState Evolve(RoundState? state, RoundEvent @event) => (state, @event) switch
    {
        (null, RoundStarted started) => new RoundState(started.RoundId, started.Settings, RoundStatus.Open, started.At, null),
        (not null, RoundCancelled cancelled) => state with { Status = RoundStatus.Cancelled, CancellationReason = cancelled.Reason },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "nothing" : state.Status)}."),
    };
}
