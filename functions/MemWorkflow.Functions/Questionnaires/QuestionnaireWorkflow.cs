using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Core.Workflow;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Shell;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Questionnaires;

/// <summary>The NCE's commands on its questionnaire: save an answer, submit.</summary>
public sealed class QuestionnaireWorkflow(
    EventStore store, AnswerStore answers, ParticipantDirectory participants, TimeProvider clock, IOptions<MemOptions> options)
{
    /// <summary>Saves one answer, deciding on the evaluation as <paramref name="found"/> read it.</summary>
    public async Task<(Outcome<EvaluationState> Outcome, StoredAnswer? Saved)> SaveAnswerAsync(
        FoundEvaluation found, string priorityActionId, AnswerStatus status, string text, IReadOnlyList<string> documentIds,
        int? expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        var (round, memberState) = (found.Round, found.State.MemberState);
        var textBlob = await answers.StoreLongTextAsync(round.RoundId, memberState, priorityActionId, text, cancellationToken);
        StoredAnswer? saved = null;
        var now = clock.GetUtcNow();
        var outcome = await store.DecideAsync(round.RoundId, memberState, RoundStreams.Evaluation,
            state => EvaluationDecider.Decide(new SaveAnswer(priorityActionId, status, text.Trim().Length, documentIds, expectedVersion, actor, now), state),
            (_, _) => [], actor, now, cancellationToken, known: found.Snapshot,
            rows: events =>
            {
                var answerSaved = events.OfType<AnswerSaved>().Single();
                saved = new StoredAnswer(priorityActionId, status, text, answerSaved.DocumentIds, answerSaved.Version, actor.Id, now, actor.Name);
                return [new(Azure.Data.Tables.TableTransactionActionType.UpsertReplace, answers.Row(round.RoundId, memberState, saved, textBlob))];
            });
        if (outcome.Accepted)
            return (outcome, saved);
        // The rows of an attempt that lost to a concurrent change were never written.
        await answers.DeleteTextAsync(textBlob, cancellationToken);
        return (outcome, null);
    }

    public async Task<Outcome<EvaluationState>> SubmitAsync(RoundState round, string memberState, Actor actor, CancellationToken cancellationToken)
    {
        var active = await participants.ActiveAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var outcome = await store.DecideAsync(round.RoundId, memberState, RoundStreams.Evaluation,
            state => EvaluationDecider.Decide(new SubmitQuestionnaire(active.NceOf(memberState), active.MemUnit(),
                active.ExpertsOf(state), round.Settings.Schedule.DraftDays, actor, now), state),
            RoundStreams.EmailsFor(round, memberState, options.Value.PortalBaseUrl), actor, now, cancellationToken);
        return outcome;
    }
}
