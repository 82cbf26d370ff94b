using MemWorkflow.Contracts.Evaluations;

namespace MemWorkflow.Core.Evaluations;

/// <summary>From the GEG's draft to the published report: drafting, the consultant's feedback, the
/// country's review, the MEM Unit's approval and publication.</summary>
public static partial class EvaluationDecider
{
    private static bool Drafting(EvaluationState state) => state.Stage is Stage.InReview or Stage.RevisionRequested;

    /// <summary>Rights are part of the decision: the access check read the evaluation once, but a command
    /// retried after a concurrent change (say, the expert was replaced meanwhile) is decided again here,
    /// against the evaluation as it stands at that moment.</summary>
    private static Rejection? NotAnAssignedExpert(Actor actor, EvaluationState state) => state.Experts.Contains(actor.Id)
        ? null
        : new Rejection(RejectionKind.Forbidden, $"You are no longer among the GEG experts assigned to the evaluation of {state.MemberState}.");

    private static Rejection? NotTheConsultant(Actor actor, EvaluationState state) => state.Consultant == actor.Id
        ? null
        : new Rejection(RejectionKind.Forbidden, $"You are no longer the technical consultant assigned to the evaluation of {state.MemberState}.");

    private static Decision<EvaluationEvent> Save(SaveSummary save, EvaluationState state)
    {
        if (NotAnAssignedExpert(save.Actor, state) is { } notAssigned)
            return notAssigned;
        if (!Drafting(state))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict,
                $"The evaluation of {state.MemberState} is {state.Stage}: the draft can be edited only while the GEG is drafting or revising.");
        if (!state.ObjectiveIds.Contains(save.ObjectiveId))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.NotFound, $"Objective {save.ObjectiveId} is not evaluated for {state.MemberState} in this round.");
        var current = state.Draft.GetValueOrDefault(save.ObjectiveId);
        if (current?.Version != save.ExpectedVersion)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.PreconditionFailed, current is null
                ? $"The summary of {save.ObjectiveId} does not exist yet; save it without If-Match."
                : $"The summary of {save.ObjectiveId} is at version {current.Version}, saved at {current.SavedAt:u}; reload it and save again with If-Match: \"{current.Version}\".");
        return Decision<EvaluationEvent>.Of(new SummarySaved(save.ObjectiveId, save.TextLength, save.Assessments, (current?.Version ?? 0) + 1, save.Actor.Id, save.Now));
    }

    private static Decision<EvaluationEvent> Submit(SubmitDraft submit, EvaluationState state)
    {
        if (NotAnAssignedExpert(submit.Actor, state) is { } notAssigned)
            return notAssigned;
        if (state.Stage is Stage.ConsultantReview or Stage.CountryReview or Stage.AwaitingApproval or Stage.Approved or Stage.Published && state.Iterations > 0)
            return Decision<EvaluationEvent>.Nothing;
        if (!Drafting(state))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict, $"The evaluation of {state.MemberState} is {state.Stage}: there is no draft to submit.");
        var missing = state.ObjectiveIds.Where(id => state.Draft.GetValueOrDefault(id) is not { TextLength: > 0 }).ToList();
        if (missing.Count > 0)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid,
                $"The draft cannot be submitted: {missing.Count} of {state.ObjectiveIds.Count} objectives have no evaluative summary.",
                missing.ToDictionary(id => id, _ => new[] { "No evaluative summary." }));
        return state.RevisingAfterCountryReview
            ? Decision<EvaluationEvent>.Of(new DraftSubmitted(state.Iterations, Stage.AwaitingApproval, submit.Now.AddDays(submit.Days.Approval), submit.Recipients, submit.Now))
            : Decision<EvaluationEvent>.Of(new DraftSubmitted(state.Iterations + 1, Stage.ConsultantReview, submit.Now.AddDays(submit.Days.ConsultantReview), submit.Recipients, submit.Now));
    }

    private static Decision<EvaluationEvent> Feedback(GiveFeedback feedback, EvaluationState state)
    {
        if (NotTheConsultant(feedback.Actor, state) is { } notAssigned)
            return notAssigned;
        if (state.Stage != Stage.ConsultantReview)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict, $"The evaluation of {state.MemberState} is {state.Stage}, not waiting for the consultant's feedback.");
        var unknown = feedback.Comments.Where(c => c.ObjectiveId is not null && !state.ObjectiveIds.Contains(c.ObjectiveId)).Select(c => c.ObjectiveId!).ToList();
        if (unknown.Count > 0)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid, $"{string.Join(", ", unknown)} is not an objective of this evaluation.");
        if (feedback.Decision == FeedbackDecision.RequestChanges)
        {
            return feedback.Comments.Count == 0
                ? Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid, "A change request needs at least one comment saying what to change.")
                : Decision<EvaluationEvent>.Of(new ChangesRequested(state.Iterations, feedback.Comments, feedback.Now.AddDays(feedback.Days.Revision), feedback.Experts, feedback.Now));
        }
        return feedback.CountryReview
            ? Decision<EvaluationEvent>.Of(new DraftApproved(state.Iterations, Stage.CountryReview, feedback.Now.AddDays(feedback.Days.CountryReview), feedback.Nce, feedback.Now))
            : Decision<EvaluationEvent>.Of(new DraftApproved(state.Iterations, Stage.AwaitingApproval, feedback.Now.AddDays(feedback.Days.Approval), feedback.MemUnit, feedback.Now));
    }

    private static Decision<EvaluationEvent> Comment(CommentOnDraft comment, EvaluationState state)
    {
        if (state.Stage != Stage.CountryReview)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict, $"The evaluation of {state.MemberState} is {state.Stage}: the country review is not open.");
        if (!comment.Accept && string.IsNullOrWhiteSpace(comment.Text))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid, "Comments need a text; to accept the draft as it is, send accept: true.");
        return comment.Accept
            ? Decision<EvaluationEvent>.Of(new CountryCommented(true, comment.Text, Stage.AwaitingApproval, comment.Now.AddDays(comment.Days.Approval), comment.MemUnit, comment.Now))
            : Decision<EvaluationEvent>.Of(new CountryCommented(false, comment.Text, Stage.RevisionRequested, comment.Now.AddDays(comment.Days.Revision), comment.Experts, comment.Now));
    }

    private static Decision<EvaluationEvent> Conclude(ConcludeCountryReview conclude, EvaluationState state) =>
        state is { Stage: Stage.CountryReview, Due: { } due } && conclude.Now > due
            ? Decision<EvaluationEvent>.Of(new CountryReviewLapsed(due, conclude.Now.AddDays(conclude.Days.Approval), conclude.MemUnit, conclude.Now))
            : Decision<EvaluationEvent>.Nothing;

    private static Decision<EvaluationEvent> Approve(ApproveReport approve, EvaluationState state) => state.Stage switch
    {
        Stage.AwaitingApproval => Decision<EvaluationEvent>.Of(new ReportApproved(approve.Note, approve.Now)),
        Stage.Approved or Stage.Published => Decision<EvaluationEvent>.Nothing,
        _ => Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict, $"The evaluation of {state.MemberState} is {state.Stage}, not awaiting approval."),
    };

    private static Decision<EvaluationEvent> Publish(PublishReport publish, EvaluationState state) => state.Stage switch
    {
        Stage.Approved => Decision<EvaluationEvent>.Of(new ReportPublished(publish.Report, publish.Recipients, publish.Now)),
        Stage.Published => Decision<EvaluationEvent>.Nothing,
        _ => Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict,
            $"The report of {state.MemberState} cannot be published: the evaluation is {state.Stage}, and only an approved report is published."),
    };
}
