using System.Text.Json.Serialization;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Core.Rounds;

/// <summary><see cref="PlanId"/>: the Plan of Action the round was started under, which it keeps for good.
/// Rounds stored before rounds recorded it have none, and were all started under the first plan.</summary>
public sealed record RoundSettings(
    string ThematicEvaluationId,
    IReadOnlyList<RoundCountry> Countries,
    EvaluationPeriod EvaluationPeriod,
    string Language,
    RoundSchedule Schedule,
    int ExpertsPerEvaluation,
    bool CountryReview,
    int? ExpertLoadCap = null,
    int? ConsultantLoadCap = null,
    string PlanId = PlanCatalogues.FirstPlanId);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RoundStarted), "roundStarted")]
[JsonDerivedType(typeof(RoundCancelled), "roundCancelled")]
[JsonDerivedType(typeof(AssignmentCommitted), "assignmentCommitted")]
[JsonDerivedType(typeof(ExpertReplaced), "expertReplaced")]
[JsonDerivedType(typeof(RoundClosed), "roundClosed")]
public abstract record RoundEvent;

public sealed record RoundStarted(string RoundId, RoundSettings Settings, DateTimeOffset At) : RoundEvent;

public sealed record RoundCancelled(string Reason, DateTimeOffset At) : RoundEvent;

/// <summary>Every evaluation of the round is published or withdrawn.</summary>
public sealed record RoundClosed(DateTimeOffset At) : RoundEvent;

public abstract record RoundCommand(Actor Actor, DateTimeOffset Now);

public sealed record StartRound(string RoundId, RoundSettings Settings, Actor Actor, DateTimeOffset Now) : RoundCommand(Actor, Now);

public sealed record CancelRound(string Reason, Actor Actor, DateTimeOffset Now) : RoundCommand(Actor, Now);

/// <summary>Closes the round once every evaluation is final; the shell checks the evaluations.</summary>
public sealed record CloseRound(bool EveryEvaluationFinal, Actor Actor, DateTimeOffset Now) : RoundCommand(Actor, Now);

public sealed record RoundState(
    string RoundId,
    RoundSettings Settings,
    RoundStatus Status,
    DateTimeOffset StartedAt,
    string? CancellationReason)
{
    /// <summary>Who evaluates which country, once the MEM Unit has committed a proposal.</summary>
    public CommittedAssignment? Assignment { get; init; }

    /// <summary>When the round closed (rounds closed before this was kept have none).</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Seats an expert declined, and who replaced them: never proposed again in this round.</summary>
    public IReadOnlyList<Decline> Declined { get; init; } = [];

    public RoundCountry? Country(string memberState) =>
        Settings.Countries.FirstOrDefault(c => c.MemberState == memberState);
}

public static partial class RoundDecider
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
        (CommitAssignment commit, _) => Commit(commit, state),
        (CloseRound close, { Status: RoundStatus.Open }) when close.EveryEvaluationFinal => Decision<RoundEvent>.Of(new RoundClosed(close.Now)),
        (CloseRound, _) => Decision<RoundEvent>.Nothing,
        (ReplaceExpert replace, _) => Replace(replace, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown round command."),
    };

    public static RoundState Evolve(RoundState? state, RoundEvent @event) => (state, @event) switch
    {
        (null, RoundStarted started) => new RoundState(started.RoundId, started.Settings, RoundStatus.Open, started.At, null),
        (not null, RoundCancelled cancelled) => state with { Status = RoundStatus.Cancelled, CancellationReason = cancelled.Reason },
        (not null, RoundClosed closed) => state with { Status = RoundStatus.Closed, ClosedAt = closed.At },
        (not null, AssignmentCommitted committed) => state with { Assignment = new CommittedAssignment(committed.ProposalId, committed.Evaluations, committed.At) },
        (not null, ExpertReplaced replaced) => state with
        {
            Assignment = state.Assignment! with
            {
                Evaluations = [.. state.Assignment.Evaluations.Select(e => e.MemberState != replaced.MemberState ? e : e with
                {
                    Experts = [.. e.Experts.Select(x => x == replaced.DeclinedId ? replaced.ReplacementId : x)],
                })],
            },
            Declined = [.. state.Declined, new Decline(replaced.MemberState, replaced.DeclinedId, replaced.ReplacementId, replaced.Reason, replaced.At)],
        },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {(state is null ? "nothing" : state.Status)}."),
    };
}
