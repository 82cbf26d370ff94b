namespace MemWorkflow.Core.Questionnaires;

public enum AnswerStatus
{
    Implemented,
    PartiallyImplemented,
    NotImplemented,
    NotApplicable,
}

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
    /// <summary>What an answer still lacks for the questionnaire to be submitted, or nothing.</summary>
    public static IEnumerable<string> Gaps(AnswerSummary? answer, Func<string, bool> isCompletedDocument)
    {
        if (answer is null)
        {
            yield return "No answer.";
            yield break;
        }
        if (answer.Status is null)
        {
            yield return "No status chosen: mark it implemented, partially implemented, not implemented or not applicable.";
            yield break;
        }
        if (answer.Status is AnswerStatus.Implemented or AnswerStatus.PartiallyImplemented && !answer.DocumentIds.Any(isCompletedDocument))
            yield return answer.DocumentIds.Count == 0
                ? $"Marked {Describe(answer.Status.Value)} without a means of verification: upload and link at least one document."
                : $"Marked {Describe(answer.Status.Value)} but none of its linked documents has finished uploading and passed verification.";
        if (answer.Status == AnswerStatus.NotApplicable && answer.TextLength == 0)
            yield return "Marked not applicable without a justification: explain why in the narrative.";
    }

    public static string Describe(AnswerStatus status) => status switch
    {
        AnswerStatus.Implemented => "implemented",
        AnswerStatus.PartiallyImplemented => "partially implemented",
        AnswerStatus.NotImplemented => "not implemented",
        _ => "not applicable",
    };
}
