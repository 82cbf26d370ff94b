using System.Globalization;

namespace MemWorkflow.Core.Evaluations;

/// <summary>What one evaluation may hold, refused by the decider as values long before any Azure Storage
/// limit (1 MiB per entity, 64 KiB per property, 4 MiB per transaction). Texts are measured as they are
/// stored: UTF-16 bytes (what Azure counts) of their JSON form, so quotes, line breaks and control
/// characters count with their escapes, and so do the characters the stored JSON's encoder writes as
/// <c>\uXXXX</c> even when relaxed (each half of a character outside the BMP, private-use, unassigned,
/// format and separator characters): six times their size.</summary>
public static class EvaluationLimits
{
    /// <summary>Means of verification per evaluation, refused or not (the state row lists each).</summary>
    public const int MaxDocuments = 1_000;

    /// <summary>Events in one evaluation's history. Autosaves are the only way to approach it: about 140
    /// saves of each of 142 priority actions.</summary>
    public const int MaxEvents = 20_000;

    /// <summary>One stored text: a reason, a note, a country's comment.</summary>
    public const int MaxTextBytes = 48 * 1024;

    /// <summary>All of a consultant's comments of one review, together.</summary>
    public const int MaxCommentsBytes = 96 * 1024;

    /// <summary>A file name or content type as recorded: the API's 200-character name and 255-character type
    /// fit even when every character is stored escaped; the documents' share (<see cref="EvaluationBudget"/>) bounds their total.</summary>
    public const int MaxLabelBytes = 3 * 1024;

    /// <summary>UTF-16 bytes of <paramref name="text"/> as a JSON string (without its quotes).</summary>
    public static long StoredBytes(string? text)
    {
        if (text is null)
            return 0;
        long units = 0;
        foreach (var c in text)
            units += c switch
            {
                '"' or '\\' or '\n' or '\r' or '\t' or '\b' or '\f' => 2,
                _ when c < 0x80 => char.IsControl(c) ? 6 : 1,
                _ => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                    or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ? 6 : 1,
            };
        return units * 2;
    }

    /// <summary>The first text that is too large, as a refusal naming its field and both sizes.</summary>
    public static Rejection? TooLarge(params (string Field, string? Text, long Limit)[] texts)
    {
        foreach (var (field, text, limit) in texts)
            if (StoredBytes(text) is var bytes && bytes > limit)
                return new Rejection(RejectionKind.TooLarge,
                    $"The {field} takes {bytes:N0} bytes as stored; at most {limit:N0} are kept. Shorten it.",
                    new Dictionary<string, string[]> { [field] = [$"At most {limit:N0} bytes as stored ({bytes:N0} now)."] });
        return null;
    }

    /// <summary>Commands that people can repeat at will (autosaves, uploads) stop at the history's cap;
    /// the workflow's own steps and the process's transitions never do.</summary>
    public static Rejection? HistoryFull(EvaluationCommand command, EvaluationState state) =>
        command is SaveAnswer or ReserveDocument or SaveSummary && state.Events >= MaxEvents
            ? new Rejection(RejectionKind.Conflict,
                $"The evaluation of {state.MemberState} has recorded {state.Events:N0} changes, the most one evaluation keeps; ask the MEM Unit.")
            : null;

    public static Rejection? Check(EvaluationCommand command, EvaluationState state) => HistoryFull(command, state) ?? Fields(command, state) ?? EvaluationBudget.Check(command, state);

    private static Rejection? Fields(EvaluationCommand command, EvaluationState state) => command switch
    {
        ExtendDeadline extend => TooLarge(("reason", extend.Reason, MaxTextBytes)),
        WithdrawEvaluation withdraw => TooLarge(("reason", withdraw.Reason, MaxTextBytes)),
        RejectDocument reject => TooLarge(("reason", reject.Reason, MaxTextBytes)),
        ReplaceReviewer replace => TooLarge(("reason", replace.Reason, MaxTextBytes)),
        StepAside step => TooLarge(("reason", step.Reason, MaxTextBytes)),
        ApproveReport approve => TooLarge(("note", approve.Note, MaxTextBytes)),
        CommentOnDraft comment => TooLarge(("text", comment.Text, MaxTextBytes)),
        GiveFeedback feedback => TooLarge(("comments", string.Concat(feedback.Comments.Select(c => c.Text + c.ObjectiveId)), MaxCommentsBytes))
            ?? TooLarge([.. feedback.Comments.Select((c, i) => ($"comments[{i}].text", (string?)c.Text, (long)MaxTextBytes))]),
        ReserveDocument reserve when state.Documents.Count >= MaxDocuments => new Rejection(RejectionKind.Conflict,
            $"The evaluation of {state.MemberState} already has {state.Documents.Count:N0} documents, the most one evaluation keeps."),
        ReserveDocument reserve => TooLarge(("fileName", reserve.FileName, MaxLabelBytes), ("contentType", reserve.DeclaredContentType, MaxLabelBytes)),
        _ => null,
    };
}
