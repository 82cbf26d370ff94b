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

/// <summary>One wake-up of an evaluation's workflow: asks <see cref="EvaluationAgenda"/> what is due now
/// (issue, assign, conclude a country review, remind, withdraw, expire uploads, index the report) and
/// carries each duty out as a command, delivers the evaluation's emails, and answers when to wake next.
/// Every command is decided against the stored state with If-Match, so a repeated or concurrent wake-up
/// writes nothing twice.</summary>
public sealed class EvaluationAdvancer(
    RoundQueries queries,
    RoundIndex index,
    RoundCommands rounds,
    Assignments.AssignmentCommands assignments,
    ReviewCommands reviews,
    EvaluationStore evaluations,
    ParticipantDirectory participants,
    OutboxDispatcher dispatcher,
    Documents.DocumentCommands documents,
    TimeProvider clock,
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
        var loaded = await queries.LoadEvaluationAsync(roundId, memberState, cancellationToken);
        var evaluation = loaded.State;
        var wrote = false;
        // Most wake-ups find nothing due: the participants are read only when a duty needs them.
        IReadOnlyList<Participant>? everyone = null;
        async Task<IReadOnlyList<Participant>> EveryoneAsync() => everyone ??= await participants.ListAsync(null, cancellationToken);
        var done = new HashSet<Type>();
        while (EvaluationAgenda.Next(round, evaluation, documents.AbandonedAfter, clock.GetUtcNow(), done) is { } duty)
        {
            done.Add(duty.GetType());
            evaluation = await CarryOutAsync(round, memberState, evaluation, duty, EveryoneAsync, cancellationToken);
            wrote |= duty is not Duty.IndexReport;
        }

        var nextEmail = await dispatcher.DispatchAsync(roundId, memberState, cancellationToken);
        // The version planned from tells the MEM Unit (and tests) whether the workflow has caught up: after
        // a write, read it (and the state) once more.
        var version = loaded.Version;
        if (wrote)
            (evaluation, version, _) = await queries.LoadEvaluationAsync(roundId, memberState, cancellationToken);
        var wake = EvaluationAgenda.Plan(round, evaluation, nextEmail, documents.AbandonedAfter, clock.GetUtcNow());
        return new EvaluationStep(evaluation?.Stage, version, wake.Done, begun, wake.NextWakeUp, wake.WaitingFor, workflow.Value.Heartbeat, roundVersion);
    }

    private async Task<EvaluationState?> CarryOutAsync(
        RoundState round, string memberState, EvaluationState? evaluation, Duty duty, Func<Task<IReadOnlyList<Participant>>> everyone,
        CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<Participant>> ActiveAsync() => (await everyone()).Where(p => p.Active).ToList();
        switch (duty)
        {
            case Duty.IssueQuestionnaire:
                return await rounds.IssueQuestionnaireAsync(round, memberState, await ActiveAsync(), cancellationToken);
            case Duty.AssignReviewers or Duty.ReplaceReviewer:
                await assignments.ApplyAsync(round, await everyone(), new Dictionary<string, EvaluationState> { [memberState] = evaluation! }, cancellationToken);
                return (await queries.LoadEvaluationAsync(round.RoundId, memberState, cancellationToken)).State;
            case Duty.ConcludeCountryReview:
                return (await reviews.ConcludeCountryReviewAsync(round, memberState, cancellationToken)).State ?? evaluation;
            case Duty.Remind remind:
                return await RemindAsync(round, evaluation!, remind.Milestones, await ActiveAsync(), cancellationToken);
            case Duty.Withdraw:
                await rounds.WithdrawEvaluationAsync(round, memberState, await ActiveAsync(), Actor.System, cancellationToken);
                return (await queries.LoadEvaluationAsync(round.RoundId, memberState, cancellationToken)).State;
            case Duty.ExpireUploads expire:
                return await documents.ExpireAsync(round, evaluation!, expire, cancellationToken);
            case Duty.IndexReport:
                await index.AddReportAsync(round, evaluation!, cancellationToken);
                return evaluation;
            default:
                throw new ArgumentOutOfRangeException(nameof(duty), duty.GetType().Name, "Unknown duty.");
        }
    }

    private async Task<EvaluationState> RemindAsync(
        RoundState round, EvaluationState evaluation, IReadOnlyList<Milestone> milestones, IReadOnlyList<Participant> active, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var milestone in milestones)
        {
            var recipients = milestone.Kind == MilestoneKind.Escalation
                ? active.MemUnit()
                : RoundCommands.OwnersOf(evaluation, active, evaluation.MemberState);
            var outcome = await evaluations.DecideAsync(round, evaluation.MemberState,
                new RecordReminder(evaluation.Stage, evaluation.Due!.Value, milestone, recipients, Actor.System, now), cancellationToken);
            evaluation = outcome.State ?? evaluation;
        }
        return evaluation;
    }
}
