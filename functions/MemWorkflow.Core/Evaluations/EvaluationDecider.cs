using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Evaluations;

public static partial class EvaluationDecider
{
    public static Decision<EvaluationEvent> Decide(EvaluationCommand command, EvaluationState? state) => (command, state) switch
    {
        (IssueQuestionnaire issue, null) => Issue(issue),
        (IssueQuestionnaire, not null) => Decision<EvaluationEvent>.Nothing,
        (WithdrawEvaluation withdraw, null) =>
            Decision<EvaluationEvent>.Of(new EvaluationWithdrawn(withdraw.MemberState, null, withdraw.Reason, [], withdraw.Now)),
        (_, null) => Decision<EvaluationEvent>.Refuse(RejectionKind.NotFound, "The questionnaire of this member state has not been issued."),
        _ when EvaluationLimits.Check(command, state) is { } tooMuch => tooMuch,
        (WithdrawEvaluation, { Stage: Stage.Withdrawn or Stage.Published }) => Decision<EvaluationEvent>.Nothing,
        (WithdrawEvaluation withdraw, _) => Decision<EvaluationEvent>.Of(
            new EvaluationWithdrawn(state.MemberState, state.Stage, withdraw.Reason, withdraw.Recipients, withdraw.Now)),
        (ExtendDeadline extend, _) => Extend(extend, state),
        (RecordReminder reminder, _) => Remind(reminder, state),
        (SaveAnswer save, _) => Save(save, state),
        (ReserveDocument reserve, _) => Reserve(reserve, state),
        (CompleteDocument complete, _) => Complete(complete, state),
        (RejectDocument reject, _) => Reject(reject, state),
        (SubmitQuestionnaire submit, _) => Submit(submit, state),
        (AssignReviewers assign, _) => Assign(assign, state),
        (ReplaceReviewer replace, _) => Replace(replace, state),
        (StepAside step, _) => StepAside(step, state),
        (SaveSummary save, _) => Save(save, state),
        (SubmitDraft submit, _) => Submit(submit, state),
        (GiveFeedback feedback, _) => Feedback(feedback, state),
        (CommentOnDraft comment, _) => Comment(comment, state),
        (ConcludeCountryReview conclude, _) => Conclude(conclude, state),
        (ApproveReport approve, _) => Approve(approve, state),
        (PublishReport publish, _) => Publish(publish, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown evaluation command."),
    };

    private static Decision<EvaluationEvent> Issue(IssueQuestionnaire issue)
    {
        if (issue.PriorityActionIds.Count == 0)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid, "A questionnaire needs at least one priority action.");
        if (issue.Due <= issue.Now)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid, $"The submission due date {issue.Due:O} has already passed.");
        return Decision<EvaluationEvent>.Of(
            new QuestionnaireIssued(issue.MemberState, issue.PriorityActionIds, issue.Due, issue.Recipients, issue.Now));
    }

    private static Decision<EvaluationEvent> Extend(ExtendDeadline extend, EvaluationState state)
    {
        if (state.Due is not { } current || state.Owner == Owner.None || Stages.IsFinal(state.Stage))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict,
                $"The evaluation of {state.MemberState} is {state.Stage}: no deadline is running that could be extended.");
        if (extend.Due == current)
            return Decision<EvaluationEvent>.Nothing;
        if (extend.Due <= extend.Now)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid, $"The new due date {extend.Due:O} has already passed.");
        if (extend.Due < current)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict,
                $"The new due date {extend.Due:O} is earlier than the current one ({current:O}); an extension only moves it later.");
        // A deadline is a date people work to: as far ahead as a round's own submission date may be,
        // never a year 9999 that every later date computation would overflow on.
        if (extend.Due > extend.Now.AddDays(RoundRules.MaxStageDays * 2))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid,
                $"The new due date {extend.Due:O} is more than two years away; a deadline is at most {RoundRules.MaxStageDays * 2} days ahead.");
        return Decision<EvaluationEvent>.Of(
            new DeadlineExtended(state.Stage, current, extend.Due, extend.Reason, extend.Recipients, extend.Now));
    }

    private static Decision<EvaluationEvent> Remind(RecordReminder reminder, EvaluationState state) =>
        // The planner looked at a state that may have moved on since: only a reminder for the
        // deadline that still runs is recorded.
        state.Stage == reminder.Stage && state.Due == reminder.Due && !state.MilestonesSent.Contains(reminder.Milestone)
            ? Decision<EvaluationEvent>.Of(new ReminderRecorded(reminder.Stage, reminder.Due, reminder.Milestone, reminder.Recipients, reminder.Now))
            : Decision<EvaluationEvent>.Nothing;

    /// <summary>The state after <paramref name="event"/>; every event counts towards <see cref="EvaluationState.Events"/>.</summary>
    public static EvaluationState Evolve(EvaluationState? state, EvaluationEvent @event) =>
        Apply(state, @event) with { Events = (state?.Events ?? 0) + 1 };

    private static EvaluationState Apply(EvaluationState? state, EvaluationEvent @event) => (state, @event) switch
    {
        (null, QuestionnaireIssued issued) => new EvaluationState(
            issued.MemberState, Stage.Issued, issued.Due, issued.At, issued.PriorityActionIds, issued.At, []),
        (null, EvaluationWithdrawn withdrawn) => new EvaluationState(
            withdrawn.MemberState, Stage.Withdrawn, null, null, [], null, []),
        (not null, DeadlineExtended extended) => state with { Due = extended.Due, DueSetAt = extended.At, MilestonesSent = [] },
        (not null, EvaluationWithdrawn) => NoDeadline(state, Stage.Withdrawn),
        (not null, ReminderRecorded recorded) => state with { MilestonesSent = [.. state.MilestonesSent, recorded.Milestone] },
        (not null, AnswerSaved saved) => state with { Answers = With(state.Answers, saved.PriorityActionId, new AnswerSummary(
            saved.Status, saved.TextLength, saved.DocumentIds, saved.Version, saved.ActorId, saved.At)) },
        (not null, DocumentReserved reserved) => state with { Documents = With(state.Documents, reserved.DocumentId, new MeansOfVerification(
            reserved.DocumentId, reserved.FileName, DocumentStatus.Reserved, reserved.DeclaredContentType, reserved.DeclaredLength, reserved.ActorId, reserved.At)) },
        (not null, DocumentCompleted completed) => state with { Documents = With(state.Documents, completed.DocumentId, state.Documents[completed.DocumentId] with
        {
            Status = DocumentStatus.Completed, ContentType = completed.ContentType, Length = completed.Length, Sha256 = completed.Sha256, CompletedAt = completed.At,
        }) },
        (not null, DocumentRejected rejected) => state with { Documents = With(state.Documents, rejected.DocumentId, state.Documents[rejected.DocumentId] with
        {
            Status = DocumentStatus.Rejected, RejectionReason = rejected.Reason, RejectedAt = rejected.At,
        }) },
        (not null, ReviewersAssigned assigned) => state with
        {
            Experts = [.. assigned.Experts.Select(e => e.ParticipantId)], Consultant = assigned.Consultant.ParticipantId,
        },
        (not null, ReviewStarted started) => Deadline(state, Stage.InReview, started.Due, started.At),
        (not null, ExpertSteppedAside stepped) => state with { SteppedAside = [.. state.SteppedAside, stepped.ExpertId] },
        (not null, ReviewerReplaced replaced) => state with
        {
            Experts = [.. state.Experts.Select(e => e == replaced.DeclinedId ? replaced.Replacement.ParticipantId : e)],
        },
        (not null, SummarySaved saved) => state with
        {
            Draft = With(state.Draft, saved.ObjectiveId, new DraftSummary(saved.TextLength, saved.Assessments, saved.Version, saved.ActorId, saved.At)),
        },
        (not null, DraftSubmitted submitted) => Deadline(state, submitted.NextStage, submitted.Due, submitted.At) with
        {
            Iterations = submitted.Iteration, RevisingAfterCountryReview = false,
        },
        (not null, DraftApproved approved) => Deadline(state, approved.NextStage, approved.Due, approved.At),
        (not null, ChangesRequested requested) => Deadline(state, Stage.RevisionRequested, requested.Due, requested.At),
        (not null, CountryCommented commented) => Deadline(state, commented.NextStage, commented.Due, commented.At) with
        {
            RevisingAfterCountryReview = !commented.Accepted,
        },
        (not null, CountryReviewLapsed lapsed) => Deadline(state, Stage.AwaitingApproval, lapsed.ApprovalDue, lapsed.At),
        (not null, ReportApproved) => NoDeadline(state, Stage.Approved),
        (not null, ReportPublished published) => NoDeadline(state, Stage.Published) with { Report = published.Report },
        (not null, QuestionnaireSubmitted submitted) => NoDeadline(state, Stage.Submitted) with { SubmittedAt = submitted.At, SubmittedLate = submitted.Late },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {state?.Stage.ToString() ?? "nothing"}."),
    };

    /// <summary>A new stage with its own deadline: the reminders start afresh.</summary>
    private static EvaluationState Deadline(EvaluationState state, Stage stage, DateTimeOffset due, DateTimeOffset at) =>
        state with { Stage = stage, Due = due, DueSetAt = at, MilestonesSent = [] };

    /// <summary>A new stage nobody is waited on for: no deadline, no reminders.</summary>
    private static EvaluationState NoDeadline(EvaluationState state, Stage stage) =>
        state with { Stage = stage, Due = null, DueSetAt = null, MilestonesSent = [] };

    private static IReadOnlyDictionary<string, T> With<T>(IReadOnlyDictionary<string, T> map, string key, T value) =>
        new Dictionary<string, T>(map, StringComparer.Ordinal) { [key] = value };
}
