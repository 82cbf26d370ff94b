using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Publication;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Evaluations;

/// <summary>The review's commands: the GEG's draft, the consultant's feedback, the country's review,
/// the MEM Unit's approval and publication, and closing the round when every evaluation is final.</summary>
public sealed class ReviewCommands(
    EventStore store, EvaluationStore evaluations, DraftStore drafts, ReportPublisher publisher, RoundQueries queries, RoundIndex index, ParticipantDirectory participants,
    TimeProvider clock)
{
    public async Task<(Outcome<EvaluationState> Outcome, DraftObjective? Saved)> SaveSummaryAsync(
        FoundEvaluation found, string objectiveId, string summary, IReadOnlyDictionary<string, string> assessments, int? expectedVersion,
        Actor actor, CancellationToken cancellationToken)
    {
        var (round, ms) = (found.Round, found.State.MemberState);
        var now = clock.GetUtcNow();
        var draft = new DraftObjective(objectiveId, summary, assessments, 0, actor.Id, now, actor.Name);
        var blob = await drafts.StoreLongAsync(round.RoundId, ms, draft, cancellationToken);
        DraftObjective Saved(SummarySaved e) => draft with { Version = e.Version, SavedAt = e.At };
        var outcome = await evaluations.DecideAsync(round, ms,
            new SaveSummary(objectiveId, summary.Trim().Length, assessments.Count, expectedVersion, actor, now), cancellationToken, known: found.Snapshot,
            rows: events => [new(Azure.Data.Tables.TableTransactionActionType.UpsertReplace,
                drafts.Row(round.RoundId, ms, Saved(events.OfType<SummarySaved>().Single()), blob))]);
        // As for answers: this attempt's blob goes only if no committed row points at it.
        if (!outcome.Accepted || outcome.Repeated)
            await drafts.DeleteUnreferencedAsync(round.RoundId, ms, objectiveId, blob, cancellationToken);
        return (outcome, outcome.Events.OfType<SummarySaved>().SingleOrDefault() is { } committed ? Saved(committed) : null);
    }

    public Task<Outcome<EvaluationState>> SubmitDraftAsync(RoundState round, string ms, Actor actor, CancellationToken cancellationToken) =>
        DecideAsync(round, ms, actor, (state, active, now) => new SubmitDraft(ReviewDays.From(round.Settings.Schedule),
            state is { RevisingAfterCountryReview: true } ? active.MemUnit() : active.ConsultantOf(state), actor, now), cancellationToken);

    public Task<Outcome<EvaluationState>> FeedbackAsync(
        RoundState round, string ms, FeedbackDecision decision, IReadOnlyList<ReviewComment> comments, Actor actor, CancellationToken cancellationToken) =>
        DecideAsync(round, ms, actor, (state, active, now) => new GiveFeedback(decision, comments, round.Settings.CountryReview,
            ReviewDays.From(round.Settings.Schedule), active.ExpertsOf(state), active.NceOf(ms), active.MemUnit(), actor, now), cancellationToken);

    public Task<Outcome<EvaluationState>> CommentAsync(RoundState round, string ms, string text, bool accept, Actor actor, CancellationToken cancellationToken) =>
        DecideAsync(round, ms, actor, (state, active, now) => new CommentOnDraft(text, accept, ReviewDays.From(round.Settings.Schedule),
            active.ExpertsOf(state), active.MemUnit(), actor, now), cancellationToken);

    public Task<Outcome<EvaluationState>> ConcludeCountryReviewAsync(RoundState round, string ms, CancellationToken cancellationToken) =>
        DecideAsync(round, ms, Actor.System, (_, active, now) => new ConcludeCountryReview(ReviewDays.From(round.Settings.Schedule), active.MemUnit(), Actor.System, now),
            cancellationToken);

    public Task<Outcome<EvaluationState>> ApproveAsync(RoundState round, string ms, string? note, Actor actor, CancellationToken cancellationToken) =>
        DecideAsync(round, ms, actor, (_, _, now) => new ApproveReport(note, actor, now), cancellationToken);

    /// <summary>Renders and stores the report, then records the publication and tells everyone involved.
    /// Publishing again answers the same report and writes nothing.</summary>
    public async Task<Outcome<EvaluationState>> PublishAsync(RoundState round, EvaluationState evaluation, Actor actor, CancellationToken cancellationToken)
    {
        if (evaluation.Stage != Stage.Approved)
        {
            var again = await DecideAsync(round, evaluation.MemberState, actor, (_, _, now) => new PublishReport(evaluation.Report!, [], actor, now), cancellationToken);
            if (again.State is { Report: not null } republished)
                await index.AddReportAsync(round, republished, cancellationToken);
            return again;
        }
        var report = await publisher.PublishAsync(round.RoundId, evaluation.MemberState, await publisher.ModelAsync(round, evaluation, cancellationToken),
            clock.GetUtcNow(), cancellationToken);
        var published = await DecideAsync(round, evaluation.MemberState, actor, (state, active, now) => new PublishReport(report, Everyone(state, active, evaluation.MemberState), actor, now),
            cancellationToken);
        // In the public list from now on (the evaluation's workflow writes the row again if this stops here).
        if (published.State is { Report: not null } done)
            await index.AddReportAsync(round, done, cancellationToken);
        if (published.EventsWritten > 0)
            await CloseIfDoneAsync(round, cancellationToken);
        return published;
    }

    public async Task CloseIfDoneAsync(RoundState round, CancellationToken cancellationToken) =>
        await CloseIfDoneAsync(round, await queries.EvaluationsAsync(round.RoundId, cancellationToken), cancellationToken);

    /// <summary>Closes the round when <paramref name="evaluations"/>, just read, are all published or withdrawn.</summary>
    public async Task CloseIfDoneAsync(RoundState round, IReadOnlyDictionary<string, EvaluationState> evaluations, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await store.DecideAsync(round.RoundId, RowKeys.RoundStream, RoundStreams.Round,
            state => RoundDecider.Decide(new CloseRound(AllFinal(round, evaluations), Actor.System, now), state), (_, _) => [], Actor.System, now, cancellationToken);
    }

    /// <summary>Every country of the round has an evaluation, and each is published or withdrawn.</summary>
    public static bool AllFinal(RoundState round, IReadOnlyDictionary<string, EvaluationState> evaluations) =>
        evaluations.Count == round.Settings.Countries.Count && evaluations.Values.All(e => Stages.IsFinal(e.Stage));

    private async Task<Outcome<EvaluationState>> DecideAsync(
        RoundState round, string ms, Actor actor, Func<EvaluationState?, IReadOnlyList<Participant>, DateTimeOffset, EvaluationCommand> command,
        CancellationToken cancellationToken)
    {
        var active = await participants.ActiveAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var outcome = await evaluations.DecideAsync(round, ms, state => command(state, active, now), actor, now, cancellationToken);
        return outcome;
    }

    private static IReadOnlyList<Recipient> Everyone(EvaluationState? state, IReadOnlyList<Participant> active, string ms) =>
        [.. active.NceOf(ms), .. active.ExpertsOf(state), .. active.ConsultantOf(state), .. active.MemUnit()];
}
