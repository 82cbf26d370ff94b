namespace MemWorkflow.Contracts.Evaluations;

public sealed record SummaryRequest(string? Summary, Dictionary<string, string>? Assessments);

/// <summary>A remark on the draft, on one objective or (without <see cref="ObjectiveId"/>) on the whole.</summary>
public sealed record ReviewComment(string? ObjectiveId, string Text);

public sealed record FeedbackRequest(FeedbackDecision? Decision, IReadOnlyList<ReviewComment>? Comments);

public sealed record DraftCommentRequest(string? Text, bool? Accept);

public sealed record ApprovalRequest(string? Note);

/// <summary>For the evaluated country, the expert who saved a summary is "geg", never named: the NCE
/// does not learn who evaluates it (MEM-PROCESS.md, confidentiality).</summary>
public sealed record SummaryView(string ObjectiveId, string Summary, IReadOnlyDictionary<string, string> Assessments, int Version, string SavedBy, DateTimeOffset SavedAt,
    string? SavedByName);

public sealed record DraftView(string RoundId, string MemberState, Stage Stage, DateTimeOffset? Due, int Iterations, IReadOnlyList<string> ObjectiveIds, IReadOnlyList<SummaryView> Summaries,
    IReadOnlyList<ReviewNote> Notes);

/// <summary>What reviewers said about the draft, oldest first: the consultant's change requests
/// (<c>changesRequested</c>, with the iteration) and the country's comments (<c>countryComments</c>).
/// The experts revise against these; the NCE sees only its own.</summary>
public sealed record ReviewNote(string Kind, DateTimeOffset At, int? Iteration, bool? Accepted, IReadOnlyList<ReviewComment> Comments);

public sealed record StageView(string RoundId, string MemberState, Stage Stage, DateTimeOffset? Due, int Iterations);
