using MemWorkflow.Core.Evaluations;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Evaluations;

public sealed record SummaryRequest(string? Summary, Dictionary<string, string>? Assessments);

public sealed record FeedbackRequest(FeedbackDecision? Decision, IReadOnlyList<ReviewComment>? Comments);

public sealed record DraftCommentRequest(string? Text, bool? Accept);

public sealed record ApprovalRequest(string? Note);

/// <summary>For the evaluated country, the expert who saved a summary is "geg", never named: the NCE
/// does not learn who evaluates it (MEM-PROCESS.md, confidentiality).</summary>
public sealed record SummaryView(string ObjectiveId, string Summary, IReadOnlyDictionary<string, string> Assessments, int Version, string SavedBy, DateTimeOffset SavedAt,
    string? SavedByName)
{
    public static SummaryView Of(DraftObjective d, bool forTheCountry = false) => forTheCountry
        ? new(d.ObjectiveId, d.Summary, d.Assessments, d.Version, "geg", d.SavedAt, null)
        : new(d.ObjectiveId, d.Summary, d.Assessments, d.Version, d.SavedBy, d.SavedAt, d.SavedByName);
}

public sealed record DraftView(string RoundId, string MemberState, Stage Stage, DateTimeOffset? Due, int Iterations, IReadOnlyList<string> ObjectiveIds, IReadOnlyList<SummaryView> Summaries,
    IReadOnlyList<ReviewNote> Notes);

/// <summary>What reviewers said about the draft, oldest first: the consultant's change requests
/// (<c>changesRequested</c>, with the iteration) and the country's comments (<c>countryComments</c>).
/// The experts revise against these; the NCE sees only its own.</summary>
public sealed record ReviewNote(string Kind, DateTimeOffset At, int? Iteration, bool? Accepted, IReadOnlyList<ReviewComment> Comments)
{
    public static ReviewNote? Of(EvaluationEvent e, bool forTheCountry) => e switch
    {
        ChangesRequested c when !forTheCountry => new("changesRequested", c.At, c.Iteration, null, c.Comments),
        CountryCommented c => new("countryComments", c.At, null, c.Accepted, string.IsNullOrWhiteSpace(c.Text) ? [] : [new ReviewComment(null, c.Text)]),
        _ => null,
    };
}

public sealed record StageView(string RoundId, string MemberState, Stage Stage, DateTimeOffset? Due, int Iterations)
{
    public static StageView Of(string roundId, EvaluationState state) => new(roundId, state.MemberState, state.Stage, state.Due, state.Iterations);
}
