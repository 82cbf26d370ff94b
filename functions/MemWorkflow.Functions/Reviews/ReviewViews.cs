using MemWorkflow.Core.Reviews;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Functions.Reviews;

public sealed record SummaryRequest(string? Summary, Dictionary<string, string>? Assessments);

public sealed record FeedbackRequest(FeedbackDecision? Decision, IReadOnlyList<ReviewComment>? Comments);

public sealed record DraftCommentRequest(string? Text, bool? Accept);

public sealed record ApprovalRequest(string? Note);

public sealed record SummaryView(string ObjectiveId, string Summary, IReadOnlyDictionary<string, string> Assessments, int Version, string SavedBy, DateTimeOffset SavedAt)
{
    public static SummaryView Of(DraftObjective d) => new(d.ObjectiveId, d.Summary, d.Assessments, d.Version, d.SavedBy, d.SavedAt);
}

public sealed record DraftView(string RoundId, string MemberState, Stage Stage, DateTimeOffset? Due, int Iterations, IReadOnlyList<string> ObjectiveIds, IReadOnlyList<SummaryView> Summaries);

public sealed record StageView(string RoundId, string MemberState, Stage Stage, DateTimeOffset? Due, int Iterations)
{
    public static StageView Of(string roundId, EvaluationState state) => new(roundId, state.MemberState, state.Stage, state.Due, state.Iterations);
}
