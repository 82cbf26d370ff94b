namespace MemWorkflow.Contracts.Publication;

/// <summary>Where a published report is read: <see cref="Html"/> and <see cref="Markdown"/> are API paths.</summary>
public sealed record ReportLinks(string RoundId, string MemberState, string Country, DateTimeOffset PublishedAt, string Sha256, string Html, string Markdown);

public sealed record PublishedReportView(string ThematicEvaluation, string Title, int Year, ReportLinks Report);
