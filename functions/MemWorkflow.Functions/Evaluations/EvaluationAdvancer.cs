using MemWorkflow.Core;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Evaluations;

/// <summary>One wake-up of an evaluation's workflow, against the aggregate: issue the questionnaire if
/// it has none, bring it in line with the committed assignment, conclude a country review whose time
/// is up, record the reminders, overdue notices and escalations due now, withdraw it from a cancelled
/// round, and deliver its emails. Every step is decided against the stored state with If-Match, so a
/// repeated or concurrent wake-up writes nothing twice.</summary>
public sealed class EvaluationAdvancer(
    RoundQueries queries,
    RoundIndex index,
    RoundCommands rounds,
    Assignments.AssignmentCommands assignments,
    Evaluations.ReviewCommands reviews,
    EventStore store,
    ParticipantDirectory participants,
    OutboxDispatcher dispatcher,
    Documents.DocumentCommands documents,
    TimeProvider clock,
    IOptions<MemOptions> options,
    IOptions<WorkflowOptions> workflow)
{
    public async Task<EvaluationStep> AdvanceAsync(string roundId, string memberState, CancellationToken cancellationToken)
    {
        // The step is dated when it begins: every decision in it is made at this time or later, so a step dated at or
        // after a clock move saw the move (a step begun before a move and ended after it must not count as planned at it).
        var begun = clock.GetUtcNow();
        // Read before the evaluation: a round changed after this read (reviewers committed) leaves the step
        // planned from an older round, which the probe does not count as caught up.
        var (stored, roundVersion, _) = await queries.LoadAsync(roundId, cancellationToken);
        var round = stored ?? throw new InvalidOperationException($"Round {roundId} does not exist.");
        // Most wake-ups find nothing to write: the participants are read only when something is.
        IReadOnlyList<Participant>? everyone = null;
        async Task<IReadOnlyList<Participant>> EveryoneAsync() => everyone ??= await participants.ListAsync(null, cancellationToken);
        async Task<IReadOnlyList<Participant>> ActiveAsync() => (await EveryoneAsync()).Where(p => p.Active).ToList();
        var loaded = await queries.LoadEvaluationAsync(roundId, memberState, cancellationToken);
        var evaluation = loaded.State;
        var wrote = false;

        if (round.Status == RoundStatus.Open)
        {
            if (evaluation is null)
                (evaluation, wrote) = (await rounds.IssueQuestionnaireAsync(round, memberState, await ActiveAsync(), cancellationToken), true);
            if (evaluation is not null && round.Assignment?.For(memberState) is not null
                && await assignments.ApplyAsync(round, await EveryoneAsync(), new Dictionary<string, EvaluationState> { [memberState] = evaluation }, cancellationToken) > 0)
                (evaluation, wrote) = ((await queries.LoadEvaluationAsync(roundId, memberState, cancellationToken)).State, true);
            if (evaluation is { Stage: Stage.CountryReview, Due: { } reviewDue } && clock.GetUtcNow() > reviewDue)
                (evaluation, wrote) = ((await reviews.ConcludeCountryReviewAsync(round, memberState, cancellationToken)).State ?? evaluation, true);
            if (evaluation is not null && ReminderPlanner.Due(evaluation, ReminderRules.From(round.Settings.Schedule), clock.GetUtcNow()).Count > 0)
                (evaluation, wrote) = (await RemindAsync(round, evaluation, await ActiveAsync(), cancellationToken), true);
        }
        else if (round.Status == RoundStatus.Cancelled && evaluation is not null && !Stages.IsFinal(evaluation.Stage))
        {
            await rounds.WithdrawEvaluationAsync(round, memberState, await ActiveAsync(), Actor.System, cancellationToken);
            wrote = true;
        }

        // Reads and writes nothing unless an upload was abandoned or a refused one's blob may remain.
        if (evaluation is not null)
        {
            var (expired, wroteNow) = await documents.ExpireAbandonedAsync(roundId, evaluation, cancellationToken);
            (evaluation, wrote) = (expired, wrote || wroteNow);
        }

        // The public list finds the report through its index row: written at publication, and here again.
        if (evaluation is { Stage: Stage.Published, Report: not null })
            await index.AddReportAsync(round, evaluation, cancellationToken);

        var nextEmail = await dispatcher.DispatchAsync(roundId, memberState, cancellationToken);
        // The version planned from tells the MEM Unit (and tests) whether the workflow has caught up: after
        // a write, read it (and the state) once more.
        var version = loaded.Version;
        if (wrote)
            (evaluation, version, _) = await queries.LoadEvaluationAsync(roundId, memberState, cancellationToken);
        var now = clock.GetUtcNow();
        var final = evaluation is null ? round.Status != RoundStatus.Open : Stages.IsFinal(evaluation.Stage);
        DateTimeOffset? next = nextEmail;
        if (evaluation is not null && ReminderPlanner.Next(evaluation, ReminderRules.From(round.Settings.Schedule), now) is { } milestone)
            next = next is null || milestone < next ? milestone : next;
        if (evaluation is { Stage: Stage.CountryReview, Due: { } due } && due > now && (next is null || due < next))
            next = due.AddSeconds(1);
        // An upload still reserved keeps the workflow alive until it is completed or refused.
        var abandonment = evaluation is null ? null : AbandonedUploads.Next(evaluation.Documents.Values, documents.AbandonedAfter);
        if (abandonment is { } expires && (next is null || expires < next))
            next = expires;
        return new EvaluationStep(evaluation?.Stage, version, final && nextEmail is null && abandonment is null, begun, next, WaitingFor(evaluation, nextEmail), workflow.Value.Heartbeat, roundVersion);
    }

    private static string WaitingFor(EvaluationState? evaluation, DateTimeOffset? nextEmail) => evaluation switch
    {
        _ when nextEmail is not null => "email delivery",
        null => "questionnaire issue",
        { Stage: var stage } when Stages.IsFinal(stage) => "nothing",
        { Owner: var owner, Stage: var stage } => $"{owner}: {stage}",
    };

    private async Task<EvaluationState> RemindAsync(RoundState round, EvaluationState evaluation, IReadOnlyList<Participant> active, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var milestone in ReminderPlanner.Due(evaluation, ReminderRules.From(round.Settings.Schedule), now))
        {
            var recipients = milestone.Kind == MilestoneKind.Escalation
                ? active.MemUnit()
                : RoundCommands.OwnersOf(evaluation, active, evaluation.MemberState);
            var command = new RecordReminder(evaluation.Stage, evaluation.Due!.Value, milestone, recipients, Actor.System, now);
            var outcome = await store.DecideAsync(round.RoundId, evaluation.MemberState, RoundStreams.Evaluation,
                state => EvaluationDecider.Decide(command, state), RoundStreams.EmailsFor(round, evaluation.MemberState, options.Value.PortalBaseUrl),
                Actor.System, now, cancellationToken);
            evaluation = outcome.State ?? evaluation;
        }
        return evaluation;
    }
}
