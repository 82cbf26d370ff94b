using MemWorkflow.Contracts.Questionnaires;

namespace MemWorkflow.Core.Questionnaires;

/// <summary>What the workflow keeps of an NCE answer to one priority action: enough to validate the
/// submission. The narrative itself is stored beside it (a row, or a blob when long).</summary>
public sealed record AnswerSummary(
    AnswerStatus? Status,
    int TextLength,
    IReadOnlyList<string> DocumentIds,
    int Version,
    string SavedBy,
    DateTimeOffset SavedAt);

public static class AnswerRules
{
    /// <summary>What an answer still lacks for the questionnaire to be submitted, or nothing: the gaps of
    /// the one rule the portal shows too, in words.</summary>
    public static IEnumerable<string> Gaps(AnswerSummary? answer, Func<string, bool> isCompletedDocument) =>
        AnswerGaps.Of(answer is not null, answer?.Status, answer?.TextLength > 0, answer?.DocumentIds ?? [], isCompletedDocument)
            .Select(gap => Explain(gap, answer));

    private static string Explain(AnswerGap gap, AnswerSummary? answer) => gap switch
    {
        AnswerGap.NoAnswer => "No answer.",
        AnswerGap.NoStatus => "No status chosen: mark it implemented, partially implemented, not implemented or not applicable.",
        AnswerGap.NoEvidence => answer!.DocumentIds.Count == 0
            ? $"Marked {Describe(answer.Status!.Value)} without a means of verification: upload and link at least one document."
            : $"Marked {Describe(answer.Status!.Value)} but none of its linked documents has finished uploading and passed verification.",
        _ => "Marked not applicable without a justification: explain why in the narrative.",
    };

    public static string Describe(AnswerStatus status) => status switch
    {
        AnswerStatus.Implemented => "implemented",
        AnswerStatus.PartiallyImplemented => "partially implemented",
        AnswerStatus.NotImplemented => "not implemented",
        _ => "not applicable",
    };
}
