namespace MemWorkflow.Core.Evaluations;

/// <summary>What the workflow keeps of the GEG's evaluative summary of one objective; the text itself
/// is stored beside it, like an NCE narrative.</summary>
public sealed record DraftSummary(int TextLength, int Assessments, int Version, string SavedBy, DateTimeOffset SavedAt);

/// <summary>Where the published report lives and what it was.</summary>
public sealed record PublishedReport(string MarkdownBlob, string HtmlBlob, string Sha256, long HtmlBytes, long MarkdownBytes, DateTimeOffset PublishedAt);

public static class ReviewLimits
{
    public const int MaxSummaryChars = 50_000;
    public const int MaxAssessmentChars = 10_000;
    public const int MaxComments = 30;
    public const int MaxCommentChars = 2_000;
    public const int MaxCommentsTotalChars = 24_000;
    public const int MaxCountryCommentChars = 20_000;
}
