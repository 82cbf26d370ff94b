using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Evaluations;

/// <summary>The evaluation's state row is one Azure entity: at most 1 MiB (1,048,576 bytes, UTF-16). What
/// grows with use gets a share of it that the decider enforces, so no user can push the row to the limit
/// and wedge the evaluation (the workflow's own commands refused for size, in a loop):
/// <list type="bullet">
/// <item>means of verification: <see cref="MaxDocumentsBytes"/> (640 KiB), each document counted as large
/// as it can become once completed or refused (<see cref="DocumentBytes"/>), so completing or expiring
/// every reservation never grows the row past its share;</item>
/// <item>answers with their document references: <see cref="MaxAnswersBytes"/> (128 KiB);</item>
/// <item>the remaining 256 KiB is headroom for what the process adds whatever users did (priority action
/// ids, reminders, the submission, the experts, one summary per objective, the report) and the row's own
/// properties.</item>
/// </list>
/// Measured (StateBudgetTests): both shares filled with the worst values the API accepts (92 documents with
/// 200-character names and 255-character types of characters stored escaped, completed and refused at
/// once; 3,337 references) plus everything the process records at its largest make a state row of
/// 824,350 bytes: 224,226 bytes below Azure's limit. With names and types as the API's largest
/// (emoji and private-use) values, 93 reservations fill the share at 549,316 bytes (BoundedStateTests).
/// A command that would grow a share past its budget is refused as too large (413); one that shrinks it
/// never is, so a user over budget can always make room.</summary>
public static class EvaluationBudget
{
    public const int MaxDocumentsBytes = 640 * 1024;

    public const int MaxAnswersBytes = 128 * 1024;

    /// <summary>A document's JSON besides its file name, declared content type and uploader, at its
    /// largest (completed with the longest identified type and a hash, or refused with the longest reason
    /// the shell gives, about 250 characters), rounded up: the largest measures 1,358 bytes (StateBudgetTests).</summary>
    public const int DocumentOverheadBytes = 1_536;

    /// <summary>An answer summary's JSON besides its key, its author and its references (~140 characters).</summary>
    public const int AnswerOverheadBytes = 384;

    /// <summary>A document as large as it may become, as stored (its id is both the key and a value).</summary>
    public static long DocumentBytes(string id, string fileName, string declaredContentType, string uploadedBy) =>
        DocumentOverheadBytes + 2 * EvaluationLimits.StoredBytes(id) + EvaluationLimits.StoredBytes(fileName)
        + EvaluationLimits.StoredBytes(declaredContentType) + EvaluationLimits.StoredBytes(uploadedBy);

    public static long DocumentsBytes(EvaluationState state) =>
        state.Documents.Values.Sum(d => DocumentBytes(d.Id, d.FileName, d.DeclaredContentType, d.UploadedBy));

    /// <summary>An answer summary as stored: each reference is the id in quotes and a comma.</summary>
    public static long AnswerBytes(string priorityActionId, string savedBy, IEnumerable<string> documentIds) =>
        AnswerOverheadBytes + EvaluationLimits.StoredBytes(priorityActionId) + EvaluationLimits.StoredBytes(savedBy)
        + documentIds.Distinct().Sum(id => EvaluationLimits.StoredBytes(id) + 6);

    public static long AnswersBytes(EvaluationState state) =>
        state.Answers.Sum(a => AnswerBytes(a.Key, a.Value.SavedBy, a.Value.DocumentIds));

    public static Rejection? Check(EvaluationCommand command, EvaluationState state) => command switch
    {
        ReserveDocument reserve when DocumentsBytes(state) + DocumentBytes(reserve.DocumentId, reserve.FileName, reserve.DeclaredContentType, reserve.Actor.Id)
            is var after && after > MaxDocumentsBytes => Full(state, "means of verification", after, MaxDocumentsBytes,
                "Shorter file names, or fewer documents (one file can support several answers), fit."),
        SaveAnswer save when Grows(state, save) is { } after && after > MaxAnswersBytes => Full(state, "answers", after, MaxAnswersBytes,
            "Link fewer documents to each answer: one document per answer is enough to support it."),
        _ => null,
    };

    /// <summary>The answers' size after the save, when the save makes them larger.</summary>
    private static long? Grows(EvaluationState state, SaveAnswer save)
    {
        var before = state.Answers.GetValueOrDefault(save.PriorityActionId) is { } current
            ? AnswerBytes(save.PriorityActionId, current.SavedBy, current.DocumentIds) : 0;
        var after = AnswerBytes(save.PriorityActionId, save.Actor.Id, save.DocumentIds);
        return after > before ? AnswersBytes(state) - before + after : null;
    }

    private static Rejection Full(EvaluationState state, string what, long after, long limit, string advice) => new(RejectionKind.TooLarge,
        $"The evaluation of {state.MemberState} keeps at most {limit:N0} bytes of {what}; this change would take it to {after:N0}. {advice}");
}
