using MemWorkflow.Core.Reminders;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Core.Workflow;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Shell;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Reminders;

public sealed record TickReport(DateTimeOffset Now, int Rounds, int QuestionnairesIssued, int EvaluationsWithdrawn, int RemindersRecorded, int EmailsSent);

/// <summary>What the timer does every few minutes: finish any interrupted fan-out, record the
/// reminders, overdue notices and escalations the planner finds due, and send the outbox.</summary>
public sealed class TickRunner(
    RoundQueries queries,
    RoundWorkflow workflow,
    Assignments.AssignmentWorkflow assignments,
    Reviews.ReviewWorkflow reviews,
    EventStore store,
    ParticipantDirectory participants,
    OutboxDispatcher dispatcher,
    TimeProvider clock,
    IOptions<MemOptions> options,
    ILogger<TickRunner> logger)
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public async Task<TickReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunOnceAsync(cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task<TickReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var active = await participants.ActiveAsync(cancellationToken);
        int rounds = 0, issued = 0, withdrawn = 0, reminders = 0, sent = 0;
        foreach (var round in await queries.ListAsync(cancellationToken))
        {
            rounds++;
            var evaluations = await queries.EvaluationsAsync(round.RoundId, cancellationToken);
            if (round.Status == RoundStatus.Open)
            {
                issued += await workflow.IssueQuestionnairesAsync(round, active, evaluations, cancellationToken);
                if (round.Assignment is not null)
                {
                    await assignments.ApplyAsync(round, await participants.ListAsync(null, cancellationToken), evaluations, cancellationToken);
                    evaluations = await queries.EvaluationsAsync(round.RoundId, cancellationToken);
                }
                foreach (var evaluation in evaluations.Values.Where(e => e.Stage == Stage.CountryReview && clock.GetUtcNow() > e.Due))
                    await reviews.ConcludeCountryReviewAsync(round, evaluation.MemberState, cancellationToken);
                evaluations = await queries.EvaluationsAsync(round.RoundId, cancellationToken);
                foreach (var evaluation in evaluations.Values)
                    reminders += await RemindAsync(round, evaluation, active, cancellationToken);
                if (evaluations.Count == round.Settings.Countries.Count && evaluations.Values.All(e => Stages.IsFinal(e.Stage)))
                    await reviews.CloseIfDoneAsync(round, cancellationToken);
            }
            else if (round.Status == RoundStatus.Cancelled)
                withdrawn += await workflow.WithdrawEvaluationsAsync(round, active, evaluations, Actor.System, cancellationToken);
            sent += await dispatcher.DispatchAsync(round.RoundId, cancellationToken);
        }

        var report = new TickReport(clock.GetUtcNow(), rounds, issued, withdrawn, reminders, sent);
        if (issued + withdrawn + reminders + sent > 0)
            logger.LogInformation("Tick at {Now}: {Issued} questionnaires issued, {Withdrawn} withdrawn, {Reminders} reminders recorded, {Sent} emails sent",
                report.Now, issued, withdrawn, reminders, sent);
        return report;
    }

    private async Task<int> RemindAsync(RoundState round, EvaluationState evaluation, IReadOnlyList<Core.Participants.Participant> active, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var recorded = 0;
        foreach (var milestone in ReminderPlanner.Due(evaluation, ReminderRules.From(round.Settings.Schedule), now))
        {
            var recipients = milestone.Kind == MilestoneKind.Escalation
                ? active.MemUnit()
                : RoundWorkflow.OwnersOf(evaluation, active, evaluation.MemberState);
            var command = new RecordReminder(evaluation.Stage, evaluation.Due!.Value, milestone, recipients, Actor.System, now);
            var outcome = await store.DecideAsync(round.RoundId, evaluation.MemberState, RoundStreams.Evaluation,
                state => EvaluationDecider.Decide(command, state), RoundStreams.EmailsFor(round, evaluation.MemberState, options.Value.PortalBaseUrl),
                Actor.System, now, cancellationToken);
            recorded += outcome.EventsWritten;
        }
        return recorded;
    }
}
