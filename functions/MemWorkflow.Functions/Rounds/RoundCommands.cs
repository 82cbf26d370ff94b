using System.Security.Cryptography;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Rounds;

/// <summary>The round's commands as the MEM Unit and the workflows issue them. Every write goes through
/// <see cref="EventStore"/>; fan-outs are one country per transaction and resumable.</summary>
public sealed class RoundCommands(
    EventStore store,
    EvaluationStore evaluations,
    RoundQueries queries,
    RoundIndex index,
    ParticipantDirectory participants,
    TimeProvider clock,
    ILogger<RoundCommands> logger)
{
    /// <summary>A new round id: from the client's Idempotency-Key when it sent one (so a repeat names
    /// the same round), random otherwise.</summary>
    public static string NewRoundId(RoundSettings settings, string? callerId, string? idempotencyKey)
    {
        var year = PlanCatalogues.Known.ThematicEvaluationOf(settings).Year;
        var suffix = idempotencyKey is null
            ? RandomNumberGenerator.GetBytes(4)
            : SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{callerId}\n{idempotencyKey}"))[..4];
        return $"r{year}-{Convert.ToHexStringLower(suffix)}";
    }

    /// <summary>Writes the round. Its workflow, already scheduled under the same id, issues the questionnaires.</summary>
    public async Task<Outcome<RoundState>> StartAsync(string roundId, RoundSettings settings, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // The index row first: a round that exists is always found; a row whose start failed is skipped.
        await index.AddRoundAsync(roundId, now, cancellationToken);
        var started = await store.DecideAsync(roundId, RowKeys.RoundStream, RoundStreams.Round,
            state => RoundDecider.Decide(new StartRound(roundId, settings, actor, now), state), (_, _) => [], actor, now, cancellationToken, known: Snapshot<RoundState>.New);
        if (started.Accepted)
            logger.LogInformation("Started round {RoundId} for {ThematicEvaluation} with {Countries} member states",
                roundId, settings.ThematicEvaluationId, settings.Countries.Count);
        return started;
    }

    /// <summary>Issues one country's questionnaire unless it already has one; answers its evaluation.</summary>
    public async Task<EvaluationState?> IssueQuestionnaireAsync(RoundState round, string memberState, IReadOnlyList<Participant> active, CancellationToken cancellationToken)
    {
        var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
        var country = round.Country(memberState)!;
        var items = PlanCatalogues.Known.For(round.Settings).QuestionnaireItems(thematic.PillarIds, country.ExcludedPillarIds).Select(i => i.Action.Id).ToList();
        var now = clock.GetUtcNow();
        var command = new IssueQuestionnaire(memberState, items, round.Settings.Schedule.SubmissionDue, active.NceOf(memberState), Actor.System, now);
        var outcome = await evaluations.DecideAsync(round, memberState, command, cancellationToken, known: Snapshot<EvaluationState>.New);
        if (outcome.EventsWritten > 0)
            logger.LogInformation("Issued questionnaire {RoundId} {MemberState} with {Items} priority actions to {Recipients} NCE users",
                round.RoundId, memberState, items.Count, command.Recipients.Count);
        else if (outcome.Rejection is { } rejection)
            logger.LogWarning("Questionnaire {RoundId} {MemberState} not issued: {Reason}", round.RoundId, memberState, rejection.Detail);
        return outcome.State;
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
        return cancelled;
    }

    /// <summary>Withdraws every evaluation of a cancelled round that is not published or withdrawn yet.</summary>
    public async Task<int> WithdrawEvaluationsAsync(
        RoundState round, IReadOnlyList<Participant> active, IReadOnlyDictionary<string, EvaluationState> existing, Actor actor, CancellationToken cancellationToken)
    {
        var withdrawn = 0;
        foreach (var country in round.Settings.Countries)
        {
            if (!(existing.TryGetValue(country.MemberState, out var state) && Stages.IsFinal(state.Stage)))
                withdrawn += await WithdrawEvaluationAsync(round, country.MemberState, active, actor, cancellationToken) ? 1 : 0;
        }
        return withdrawn;
    }

    public async Task<bool> WithdrawEvaluationAsync(RoundState round, string memberState, IReadOnlyList<Participant> active, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var command = new WithdrawEvaluation(memberState, round.CancellationReason ?? "The round was cancelled.", active.NceOf(memberState), actor, now);
        var outcome = await evaluations.DecideAsync(round, memberState, command, cancellationToken);
        return outcome.EventsWritten > 0;
    }

    public async Task<Outcome<EvaluationState>> ExtendAsync(
        RoundState round, string memberState, DateTimeOffset due, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        var active = await participants.ActiveAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var outcome = await evaluations.DecideAsync(round, memberState,
            state => new ExtendDeadline(due, reason, OwnersOf(state, active, memberState), actor, now), actor, now, cancellationToken);
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
