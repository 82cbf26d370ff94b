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
        // One read of the participants and, per round, one of its evaluations; read again only after a write.
        var everyone = await participants.ListAsync(null, cancellationToken);
        var active = everyone.Where(p => p.Active).ToList();
        int rounds = 0, issued = 0, withdrawn = 0, reminders = 0, sent = 0;
        foreach (var round in await queries.ListAsync(cancellationToken))
        {
            rounds++;
            if (round.Status == RoundStatus.Open)
            {
                var evaluations = await queries.EvaluationsAsync(round.RoundId, cancellationToken);
                var newlyIssued = await workflow.IssueQuestionnairesAsync(round, active, evaluations, cancellationToken);
                issued += newlyIssued;
                if (newlyIssued + await assignments.ApplyAsync(round, everyone, evaluations, cancellationToken) > 0)
                    evaluations = await queries.EvaluationsAsync(round.RoundId, cancellationToken);
                var current = evaluations.ToDictionary();
                foreach (var evaluation in evaluations.Values.Where(e => e.Stage == Stage.CountryReview && clock.GetUtcNow() > e.Due))
                {
                    var concluded = await reviews.ConcludeCountryReviewAsync(round, evaluation.MemberState, cancellationToken);
                    if (concluded.State is { } state)
                        current[evaluation.MemberState] = state;
                }
                foreach (var evaluation in current.Values)
                    reminders += await RemindAsync(round, evaluation, active, cancellationToken);
                if (Reviews.ReviewWorkflow.AllFinal(round, current))
                    await reviews.CloseIfDoneAsync(round, current, cancellationToken);
            }
            else if (round.Status == RoundStatus.Cancelled)
                withdrawn += await workflow.WithdrawEvaluationsAsync(round, active, await queries.EvaluationsAsync(round.RoundId, cancellationToken), Actor.System, cancellationToken);
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
