using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Questionnaires;

/// <summary>The NCE's commands on its questionnaire: save an answer, submit.</summary>
public sealed class QuestionnaireCommands(
    EvaluationStore evaluations, AnswerStore answers, ParticipantDirectory participants, TimeProvider clock)
{
    /// <summary>Saves one answer, deciding on the evaluation as <paramref name="found"/> read it.</summary>
    public async Task<(Outcome<EvaluationState> Outcome, StoredAnswer? Saved)> SaveAnswerAsync(
        FoundEvaluation found, string priorityActionId, AnswerStatus? status, string text, IReadOnlyList<string> documentIds,
        int? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var (round, memberState) = (found.Round, found.State.MemberState);
        var textBlob = await answers.StoreLongTextAsync(round.RoundId, memberState, priorityActionId, text, cancellationToken);
        var now = clock.GetUtcNow();
        StoredAnswer Saved(AnswerSaved e) => new(priorityActionId, e.Status, text, e.DocumentIds, e.Version, e.ActorId, e.At, actor.Name);
        var outcome = await evaluations.DecideAsync(round, memberState,
            new SaveAnswer(priorityActionId, status, text.Trim().Length, documentIds, expectedVersion, actor, now), cancellationToken, known: found.Snapshot,
            rows: events => [new(Azure.Data.Tables.TableTransactionActionType.UpsertReplace,
                answers.Row(round.RoundId, memberState, Saved(events.OfType<AnswerSaved>().Single()), textBlob))]);
        // A refused save, or a repeat answered with what an earlier attempt committed, leaves this attempt's
        // text blob unused, unless the committed row is the one that points at it (a retry after a lost response).
        if (!outcome.Accepted || outcome.Repeated)
            await answers.DeleteUnreferencedTextAsync(round.RoundId, memberState, priorityActionId, textBlob, cancellationToken);
        return (outcome, outcome.Events.OfType<AnswerSaved>().SingleOrDefault() is { } committed ? Saved(committed) : null);
    }

    public async Task<Outcome<EvaluationState>> SubmitAsync(RoundState round, string memberState, Actor actor, CancellationToken cancellationToken)
    {
        var active = await participants.ActiveAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var outcome = await evaluations.DecideAsync(round, memberState, state => new SubmitQuestionnaire(active.NceOf(memberState), active.MemUnit(),
                active.ExpertsOf(state), round.Settings.Schedule.DraftDays, actor, now), actor, now, cancellationToken);
        return outcome;
    }
}
