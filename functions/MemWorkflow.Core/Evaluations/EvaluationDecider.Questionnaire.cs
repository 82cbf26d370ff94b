using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Questionnaires;

namespace MemWorkflow.Core.Evaluations;

/// <summary>The NCE's part: answers, means of verification and the submission. All of it is open
/// only while the questionnaire is issued; after submission it is frozen.</summary>
public static partial class EvaluationDecider
{
    private static Rejection? NotOpen(EvaluationState state, string what) => state.Stage switch
    {
        Stage.Issued => null,
        Stage.Withdrawn => new Rejection(RejectionKind.Conflict, $"The evaluation of {state.MemberState} was withdrawn: {what} is no longer possible."),
        _ => new Rejection(RejectionKind.Conflict, $"The questionnaire of {state.MemberState} has been submitted and is read-only: {what} is no longer possible."),
    };

    private static Decision<EvaluationEvent> Save(SaveAnswer save, EvaluationState state)
    {
        if (NotOpen(state, "changing an answer") is { } closed)
            return closed;
        if (!state.PriorityActionIds.Contains(save.PriorityActionId))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.NotFound,
                $"Priority action {save.PriorityActionId} is not part of the questionnaire of {state.MemberState}.");
        var current = state.Answers.GetValueOrDefault(save.PriorityActionId);
        if (current?.Version != save.ExpectedVersion)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.PreconditionFailed, current is null
                ? $"The answer to {save.PriorityActionId} does not exist yet; save it without If-Match."
                : $"The answer to {save.PriorityActionId} is at version {current.Version}, saved by someone else at {current.SavedAt:u}; reload it and save again with If-Match: \"{current.Version}\".");

        var unknown = save.DocumentIds.Where(id => !state.Documents.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid,
                $"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is not a means of verification" : "are not means of verification")} of the evaluation of {state.MemberState}.",
                new Dictionary<string, string[]> { ["documentIds"] = [.. unknown.Select(id => $"{id} is not a document of this evaluation.")] });
        var rejected = save.DocumentIds.Where(id => state.Documents[id].Status == DocumentStatus.Rejected).ToList();
        if (rejected.Count > 0)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid, $"{string.Join(", ", rejected)} failed verification and cannot support an answer.",
                new Dictionary<string, string[]> { ["documentIds"] = [.. rejected.Select(id => $"{id} was rejected: {state.Documents[id].RejectionReason}")] });

        return Decision<EvaluationEvent>.Of(new AnswerSaved(save.PriorityActionId, save.Status, save.TextLength,
            save.DocumentIds.Distinct().ToList(), (current?.Version ?? 0) + 1, save.Actor.Id, save.Now));
    }

    private static Decision<EvaluationEvent> Reserve(ReserveDocument reserve, EvaluationState state)
    {
        if (NotOpen(state, "adding a means of verification") is { } closed)
            return closed;
        if (state.Documents.ContainsKey(reserve.DocumentId))
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Conflict, $"Document {reserve.DocumentId} already exists.");
        return Decision<EvaluationEvent>.Of(new DocumentReserved(reserve.DocumentId, reserve.FileName, reserve.DeclaredContentType,
            reserve.DeclaredLength, reserve.Actor.Id, reserve.Now));
    }

    private static Decision<EvaluationEvent> Complete(CompleteDocument complete, EvaluationState state)
    {
        if (state.Documents.GetValueOrDefault(complete.DocumentId)?.Status == DocumentStatus.Completed)
            return Decision<EvaluationEvent>.Nothing;
        if (UploadRefusal(state, complete.DocumentId) is { } refused)
            return refused;
        return Decision<EvaluationEvent>.Of(new DocumentCompleted(complete.DocumentId, complete.ContentType, complete.Length, complete.Sha256, complete.Now));
    }

    /// <summary>Whether bytes may be uploaded for this document now: it is reserved, not yet uploaded or refused, and
    /// the questionnaire is open. The app asks before it stores a byte; completing decides again on the evaluation as
    /// it then stands.</summary>
    public static Rejection? UploadRefusal(EvaluationState state, string documentId)
    {
        if (!state.Documents.TryGetValue(documentId, out var document))
            return new Rejection(RejectionKind.NotFound, $"No document {documentId} in the evaluation of {state.MemberState}.");
        return document.Status switch
        {
            DocumentStatus.Rejected => new Rejection(RejectionKind.Conflict, $"Document {document.Id} failed verification ({document.RejectionReason}); reserve a new one."),
            DocumentStatus.Completed => new Rejection(RejectionKind.Conflict, $"Document {document.Id} is already uploaded: documents are written once."),
            _ => NotOpen(state, "uploading a means of verification"),
        };
    }

    private static Decision<EvaluationEvent> Reject(RejectDocument reject, EvaluationState state) =>
        state.Documents.TryGetValue(reject.DocumentId, out var document) && document.Status == DocumentStatus.Reserved
            ? Decision<EvaluationEvent>.Of(new DocumentRejected(reject.DocumentId, reject.Reason, reject.Now))
            : Decision<EvaluationEvent>.Nothing;

    private static Decision<EvaluationEvent> Submit(SubmitQuestionnaire submit, EvaluationState state)
    {
        if (state.SubmittedAt is not null && state.Stage != Stage.Withdrawn)
            return Decision<EvaluationEvent>.Nothing;
        if (NotOpen(state, "submitting") is { } closed)
            return closed;

        var gaps = state.PriorityActionIds
            .Select(id => (id, lacks: AnswerRules.Gaps(state.Answers.GetValueOrDefault(id), state.IsCompletedDocument).ToArray()))
            .Where(x => x.lacks.Length > 0)
            .ToDictionary(x => x.id, x => x.lacks);
        if (gaps.Count > 0)
            return Decision<EvaluationEvent>.Refuse(RejectionKind.Invalid,
                $"The questionnaire of {state.MemberState} cannot be submitted: {gaps.Count} of {state.PriorityActionIds.Count} priority actions are incomplete.", gaps);

        var late = state.Due is { } due && submit.Now > due;
        var submitted = new QuestionnaireSubmitted(late, state.Due, state.Answers.Count,
            state.Documents.Values.Count(d => d.Status == DocumentStatus.Completed), submit.Recipients, submit.MemUnit, submit.Now);
        return state.IsAssigned
            ? Decision<EvaluationEvent>.Of(submitted, new ReviewStarted(submit.Now.AddDays(submit.DraftDays), submit.Experts, submit.Now))
            : Decision<EvaluationEvent>.Of(submitted);
    }
}
