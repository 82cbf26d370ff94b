namespace MemWorkflow.Portal.Api;

public sealed record SummaryRequest(string Summary, Dictionary<string, string>? Assessments);

public sealed record SummaryView(string ObjectiveId, string Summary, Dictionary<string, string>? Assessments, int Version, string SavedBy, DateTimeOffset SavedAt, string? SavedByName = null)
{
    public string Saver => SavedByName ?? SavedBy;
}

public sealed record DraftView(string RoundId, string MemberState, string Stage, DateTimeOffset? Due, int Iterations, List<string> ObjectiveIds, List<SummaryView> Summaries,
    List<ReviewNote>? Notes = null);

/// <summary>A consultant's change request or the country's comments on the draft.</summary>
public sealed record ReviewNote(string Kind, DateTimeOffset At, int? Iteration, bool? Accepted, List<ReviewComment> Comments);

public sealed record StageView(string RoundId, string MemberState, string Stage, DateTimeOffset? Due, int Iterations);

public sealed record ReviewComment(string? ObjectiveId, string Text);

public sealed record FeedbackRequest(string Decision, List<ReviewComment> Comments);

public sealed record DraftCommentRequest(string Text, bool Accept);

public sealed record ApprovalRequest(string? Note);

public sealed record ReasonRequest(string Reason);

public sealed record ReportLinks(string RoundId, string MemberState, string Country, DateTimeOffset PublishedAt, string Sha256, string Html, string Markdown);

public sealed record PublishedReportView(string ThematicEvaluation, string Title, int Year, ReportLinks Report);
