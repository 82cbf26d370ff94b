using System.Security.Cryptography;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Core.Workflow;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Shell;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Rounds;

/// <summary>The round's commands as the MEM Unit and the timer issue them. Every write goes through
/// <see cref="EventStore"/>; fan-outs are one country per transaction and resumable.</summary>
public sealed class RoundWorkflow(
    EventStore store,
    RoundQueries queries,
    ParticipantDirectory participants,
    OutboxDispatcher dispatcher,
    TimeProvider clock,
    IOptions<MemOptions> options,
    ILogger<RoundWorkflow> logger)
{
    private Uri Portal => options.Value.PortalBaseUrl;

    public async Task<Outcome<RoundState>> StartAsync(RoundSettings settings, Actor actor, CancellationToken cancellationToken = default)
    {
        var year = PlanCatalogue.Current.FindThematicEvaluation(settings.ThematicEvaluationId)!.Year;
        var roundId = $"r{year}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var now = clock.GetUtcNow();
        var started = await store.DecideAsync(roundId, RowKeys.RoundStream, RoundStreams.Round,
            state => RoundDecider.Decide(new StartRound(roundId, settings, actor, now), state), (_, _) => [], actor, now, cancellationToken, known: Snapshot<RoundState>.New);
        if (!started.Accepted)
            return started;
        logger.LogInformation("Started round {RoundId} for {ThematicEvaluation} with {Countries} member states",
            roundId, settings.ThematicEvaluationId, settings.Countries.Count);
        await IssueQuestionnairesAsync(started.State!, await participants.ActiveAsync(cancellationToken), new Dictionary<string, EvaluationState>(), cancellationToken);
        await dispatcher.TryDispatchAsync(roundId, cancellationToken);
        return started;
    }

    /// <summary>Issues the questionnaire of every country of the round that has none yet. Run at start
    /// and again by every Tick, so a crash in the middle of a fan-out only delays the rest.</summary>
    public async Task<int> IssueQuestionnairesAsync(
        RoundState round, IReadOnlyList<Participant> active, IReadOnlyDictionary<string, EvaluationState> existing, CancellationToken cancellationToken)
    {
        var thematic = PlanCatalogue.Current.FindThematicEvaluation(round.Settings.ThematicEvaluationId)!;
        var issued = 0;
        foreach (var country in round.Settings.Countries.Where(c => !existing.ContainsKey(c.MemberState)))
        {
            var items = PlanCatalogue.Current.QuestionnaireItems(thematic.PillarIds, country.ExcludedPillarIds).Select(i => i.Action.Id).ToList();
            var now = clock.GetUtcNow();
            var command = new IssueQuestionnaire(country.MemberState, items, round.Settings.Schedule.SubmissionDue,
                active.NceOf(country.MemberState), Actor.System, now);
            var outcome = await store.DecideAsync(round.RoundId, country.MemberState, RoundStreams.Evaluation,
                state => EvaluationDecider.Decide(command, state), RoundStreams.EmailsFor(round, country.MemberState, Portal),
                Actor.System, now, cancellationToken, known: Snapshot<EvaluationState>.New);
            if (outcome.EventsWritten > 0)
            {
                issued++;
                logger.LogInformation("Issued questionnaire {RoundId} {MemberState} with {Items} priority actions to {Recipients} NCE users",
                    round.RoundId, country.MemberState, items.Count, command.Recipients.Count);
            }
            else if (outcome.Rejection is { } rejection)
                logger.LogWarning("Questionnaire {RoundId} {MemberState} not issued: {Reason}", round.RoundId, country.MemberState, rejection.Detail);
        }
        return issued;
    }

    public async Task<Outcome<RoundState>> CancelAsync(string roundId, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var cancelled = await store.DecideAsync(roundId, RowKeys.RoundStream, RoundStreams.Round,
            state => RoundDecider.Decide(new CancelRound(reason, actor, now), state), (_, _) => [], actor, now, cancellationToken);
        if (!cancelled.Accepted)
            return cancelled;
        await WithdrawEvaluationsAsync(cancelled.State!, await participants.ActiveAsync(cancellationToken),
            await queries.EvaluationsAsync(roundId, cancellationToken), actor, cancellationToken);
        await dispatcher.TryDispatchAsync(roundId, cancellationToken);
        return cancelled;
    }

    /// <summary>Withdraws every evaluation of a cancelled round that is not published or withdrawn yet.</summary>
    public async Task<int> WithdrawEvaluationsAsync(
        RoundState round, IReadOnlyList<Participant> active, IReadOnlyDictionary<string, EvaluationState> existing, Actor actor, CancellationToken cancellationToken)
    {
        var withdrawn = 0;
        foreach (var country in round.Settings.Countries)
        {
            if (existing.TryGetValue(country.MemberState, out var state) && Stages.IsFinal(state.Stage))
                continue;
            var now = clock.GetUtcNow();
            var command = new WithdrawEvaluation(country.MemberState, round.CancellationReason ?? "The round was cancelled.",
                active.NceOf(country.MemberState), actor, now);
            var outcome = await store.DecideAsync(round.RoundId, country.MemberState, RoundStreams.Evaluation,
                s => EvaluationDecider.Decide(command, s), RoundStreams.EmailsFor(round, country.MemberState, Portal), actor, now, cancellationToken);
            withdrawn += outcome.EventsWritten > 0 ? 1 : 0;
        }
        return withdrawn;
    }

    public async Task<Outcome<EvaluationState>> ExtendAsync(
        RoundState round, string memberState, DateTimeOffset due, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var active = await participants.ActiveAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var outcome = await store.DecideAsync(round.RoundId, memberState, RoundStreams.Evaluation,
            state => EvaluationDecider.Decide(new ExtendDeadline(due, reason, OwnersOf(state, active, memberState), actor, now), state),
            RoundStreams.EmailsFor(round, memberState, Portal), actor, now, cancellationToken);
        if (outcome.EventsWritten > 0)
            await dispatcher.TryDispatchAsync(round.RoundId, cancellationToken);
        return outcome;
    }

    /// <summary>The people the evaluation's current stage waits on.</summary>
    public static IReadOnlyList<Recipient> OwnersOf(EvaluationState? state, IReadOnlyList<Participant> active, string memberState) =>
        state?.Owner switch
        {
            Owner.Nce => active.NceOf(memberState),
            Owner.MemUnit => active.MemUnit(),
            Owner.Geg => active.ExpertsOf(state),
            Owner.Consultant => active.ConsultantOf(state),
            _ => [],
        };
}
