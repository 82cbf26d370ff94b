using MemWorkflow.Contracts.Evaluations;

namespace MemWorkflow.Core.Evaluations;

/// <summary>The GEG's part begins: reviewers reach the evaluation, and the review starts once the
/// questionnaire is both submitted and assigned.</summary>
public static partial class EvaluationDecider
{
    private static Decision<EvaluationEvent> Assign(AssignReviewers assign, EvaluationState state)
    {
        if (state.IsAssigned)
            return Decision<EvaluationEvent>.Nothing;
        if (state.Stage == Stage.Withdrawn)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict, $"The evaluation of {state.MemberState} was withdrawn.");
        var assigned = new ReviewersAssigned(assign.Experts, assign.Consultant, state.Stage == Stage.Issued ? state.Due : null, assign.DraftDays, assign.Now);
        return state.Stage == Stage.Submitted
            ? Decision<EvaluationEvent>.Of(assigned, new ReviewStarted(assign.Now.AddDays(assign.DraftDays), assign.Experts, assign.Now))
            : Decision<EvaluationEvent>.Of(assigned);
    }

    private static Decision<EvaluationEvent> Replace(ReplaceReviewer replace, EvaluationState state)
    {
        if (state.Experts.Contains(replace.Replacement.ParticipantId) && !state.Experts.Contains(replace.DeclinedId))
            return Decision<EvaluationEvent>.Nothing;
        if (Stages.IsFinal(state.Stage))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict, FinalSeats(state));
        if (!state.Experts.Contains(replace.DeclinedId))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.NotFound, $"{replace.DeclinedId} is not assigned to the evaluation of {state.MemberState}.");
        return Decision<EvaluationEvent>.Of(new ReviewerReplaced(replace.DeclinedId, replace.Replacement, replace.Reason, replace.MemUnit,
            state.Stage, state.Stage == Stage.InReview ? state.Due : null, replace.Now));
    }

    /// <summary>Why no seat of a published (or withdrawn) evaluation changes: the report names who evaluated it.</summary>
    public static string FinalSeats(EvaluationState state) =>
        $"The evaluation of {state.MemberState} is {(state.Stage == Stage.Published ? "published" : "withdrawn")}: its experts are part of its record and are not replaced.";

    private static Decision<EvaluationEvent> StepAside(StepAside step, EvaluationState state)
    {
        // Not assigned here yet (the round's assignment reaches it a moment later): no draft to protect,
        // and the replacement is what will be assigned.
        if (state.SteppedAside.Contains(step.ExpertId) || !state.IsAssigned)
            return Decision<EvaluationEvent>.Nothing;
        if (!state.Experts.Contains(step.ExpertId))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.NotFound, $"{step.ExpertId} is not assigned to the evaluation of {state.MemberState}.");
        if (!state.ExpertsMayStepAside)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict,
                "The draft has gone to the consultant: an expert can no longer decline. Ask the MEM Unit if you cannot go on.");
        return Decision<EvaluationEvent>.Of(new ExpertSteppedAside(step.ExpertId, step.Reason, step.Now));
    }
}
