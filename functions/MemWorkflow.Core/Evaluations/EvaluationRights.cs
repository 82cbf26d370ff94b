using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Evaluations;

public enum EvaluationRight
{
    /// <summary>The MEM Unit and the state's NCE.</summary>
    Read,
    /// <summary>The state's NCE only: answering is the country's own act.</summary>
    Answer,
    /// <summary>The state's NCE only: so is uploading its means of verification.</summary>
    Upload,
    /// <summary>The state's NCE only: the country's comments on the draft at its country review.</summary>
    Comment,
    /// <summary>The MEM Unit, the state's NCE, and the GEG experts and consultant assigned to it (never
    /// an expert of the evaluated state), once submitted: who reads the submission and its means of verification.</summary>
    Submission,
    /// <summary>The GEG experts assigned to it: writing the draft. Others of their role are refused (403).</summary>
    Draft,
    /// <summary>The consultant assigned to it: feedback on the draft. Others of their role are refused (403).</summary>
    Feedback,
}

/// <summary>Who asks, as the rights need them.</summary>
public sealed record Asker(string Id, Role Role, string? MemberState)
{
    public bool IsMemUnit => Role == Role.MemUnit;

    public bool IsNceOf(string memberState) => Role == Role.Nce && MemberState == memberState;
}

/// <summary>Who may do what to an evaluation. A caller who may not even know another state's evaluation
/// exists is told it does not (404); a known role that never may do this is told so (403). Decided in two
/// steps so that the role alone refuses before anything is read: <see cref="ByRole"/>, then, on the
/// evaluation as read (null when there is none), <see cref="Decide"/>.</summary>
public static class EvaluationRights
{
    public static Rejection? ByRole(Asker asker, EvaluationRight right, string roundId, string memberState)
    {
        if (right is EvaluationRight.Draft or EvaluationRight.Feedback)
        {
            var role = right == EvaluationRight.Draft ? Role.Geg : Role.Consultant;
            if (asker.Role != role)
                return asker.Role == Role.Nce && !asker.IsNceOf(memberState) ? NotFound(roundId, memberState) : NotAssigned(right);
            return asker.Role == Role.Geg && asker.MemberState == memberState ? NotFound(roundId, memberState) : null;
        }
        var allowed = right switch
        {
            EvaluationRight.Answer or EvaluationRight.Upload or EvaluationRight.Comment => asker.Role == Role.Nce,
            EvaluationRight.Read => asker.Role is Role.MemUnit or Role.Nce,
            _ => true,
        };
        if (!allowed)
            return new Rejection(RejectionKind.Forbidden, right switch
            {
                EvaluationRight.Read => "Only the MEM Unit and the country's NCE read an evaluation before it is assigned.",
                EvaluationRight.Comment => $"Only the NCE of {Short(memberState)} comments on its draft evaluation at its country review.",
                _ => $"Only the NCE of {Short(memberState)} answers its questionnaire and uploads its means of verification.",
            });
        return asker.Role == Role.Nce && !asker.IsNceOf(memberState) || asker.Role == Role.Geg && asker.MemberState == memberState
            ? NotFound(roundId, memberState)
            : null;
    }

    public static Rejection? Decide(Asker asker, EvaluationRight right, string roundId, string memberState, EvaluationState? evaluation)
    {
        if (ByRole(asker, right, roundId, memberState) is { } refused)
            return refused;
        if (evaluation is null)
            return NotFound(roundId, memberState);
        if (right is EvaluationRight.Draft or EvaluationRight.Feedback)
            return IsAssigned(asker, right, evaluation) ? null : NotAssigned(right);
        if (asker.Role is Role.Geg or Role.Consultant && !evaluation.Experts.Contains(asker.Id) && evaluation.Consultant != asker.Id)
            return NotFound(roundId, memberState);
        if (asker.Role is Role.Geg or Role.Consultant && evaluation.SubmittedAt is null)
            return new Rejection(RejectionKind.NotYet, $"{memberState} has not submitted its questionnaire yet; you will be emailed when it has.", Title: "Not submitted yet");
        return null;
    }

    /// <summary>The draft reaches the country at its country review (and stays with it after).</summary>
    public static Rejection? ReadDraft(Asker asker, EvaluationState evaluation) =>
        asker.Role == Role.Nce && evaluation.Stage is not (Stage.CountryReview or Stage.AwaitingApproval or Stage.Approved or Stage.Published)
            && !evaluation.RevisingAfterCountryReview
            ? new Rejection(RejectionKind.NotYet, "The draft evaluation reaches the country at its country review.")
            : null;

    /// <summary>Who may decline an expert's seat: the expert concerned, or the MEM Unit.</summary>
    public static Rejection? DeclineByRole(Asker asker, string participantId) =>
        asker.IsMemUnit || asker.Role == Role.Geg && asker.Id == participantId
            ? null
            : new Rejection(RejectionKind.Forbidden, "Only the expert concerned, or the MEM Unit, declines an assignment.");

    /// <summary>Whether the seat can be declined now: it exists, the round is open, the evaluation is not final,
    /// and an expert steps aside only before the draft has gone to the consultant (the MEM Unit can still
    /// replace one then, for instance one who can no longer be reached). The evaluation decides again with its
    /// own stage (StepAside), should it move in between.</summary>
    public static Rejection? Decline(Asker asker, string participantId, string memberState, RoundState round, EvaluationState? evaluation)
    {
        if (DeclineByRole(asker, participantId) is { } refused)
            return refused;
        if (round.Assignment?.For(memberState) is not { } seats || !seats.Experts.Contains(participantId))
            return new Rejection(RejectionKind.NotFound, $"{participantId} is not assigned to the evaluation of {memberState} in round {round.RoundId}.");
        if (round.Status != RoundStatus.Open)
            return new Rejection(RejectionKind.Conflict, "The round is not open.");
        if (evaluation is not null && Stages.IsFinal(evaluation.Stage))
            return new Rejection(RejectionKind.Conflict, EvaluationDecider.FinalSeats(evaluation));
        if (!asker.IsMemUnit && evaluation is { ExpertsMayStepAside: false })
            return new Rejection(RejectionKind.Conflict, "The draft has gone to the consultant: an expert can no longer decline. Ask the MEM Unit if you cannot go on.");
        return null;
    }

    private static bool IsAssigned(Asker asker, EvaluationRight right, EvaluationState evaluation) =>
        right == EvaluationRight.Draft ? evaluation.Experts.Contains(asker.Id) : evaluation.Consultant == asker.Id;

    private static Rejection NotAssigned(EvaluationRight right) => new(RejectionKind.Forbidden, right == EvaluationRight.Draft
        ? "Only the GEG experts assigned to this evaluation write its draft."
        : "Only the technical consultant assigned to this evaluation gives feedback on it.");

    private static Rejection NotFound(string roundId, string memberState) =>
        new(RejectionKind.NotFound, $"No evaluation of {Short(memberState)} in round {Short(roundId)} that you can see.");

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
