namespace MemWorkflow.Contracts.Questionnaires;

/// <summary>What an answer can lack for the questionnaire to be submitted.</summary>
public enum AnswerGap
{
    /// <summary>Never saved.</summary>
    NoAnswer,
    /// <summary>Saved as a draft without a status.</summary>
    NoStatus,
    /// <summary>Implemented or partially implemented, with no linked document verified.</summary>
    NoEvidence,
    /// <summary>Not applicable, with no narrative saying why.</summary>
    NoJustification,
}

/// <summary>The one rule for what an answer lacks: the API refuses a submission by it, and the portal
/// lists the same gaps before the NCE asks.</summary>
public static class AnswerGaps
{
    /// <param name="saved">Whether the answer was ever saved (a draft without a status counts).</param>
    /// <param name="hasText">Whether its narrative says anything.</param>
    public static IEnumerable<AnswerGap> Of(
        bool saved, AnswerStatus? status, bool hasText, IEnumerable<string> documentIds, Func<string, bool> isCompletedDocument)
    {
        if (!saved)
        {
            yield return AnswerGap.NoAnswer;
            yield break;
        }
        if (status is null)
        {
            yield return AnswerGap.NoStatus;
            yield break;
        }
        if (status is AnswerStatus.Implemented or AnswerStatus.PartiallyImplemented && !documentIds.Any(isCompletedDocument))
            yield return AnswerGap.NoEvidence;
        if (status == AnswerStatus.NotApplicable && !hasText)
            yield return AnswerGap.NoJustification;
    }
}
