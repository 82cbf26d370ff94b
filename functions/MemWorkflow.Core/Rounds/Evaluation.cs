using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Core.Reminders;

namespace MemWorkflow.Core.Rounds;

/// <summary>One country's evaluation in a round: where it stands, what it waits for, and what the
/// NCE has answered and uploaded so far.</summary>
public sealed record EvaluationState(
    string MemberState,
    Stage Stage,
    DateTimeOffset? Due,
    DateTimeOffset? DueSetAt,
    IReadOnlyList<string> PriorityActionIds,
    DateTimeOffset? IssuedAt,
    IReadOnlyList<Milestone> MilestonesSent)
{
    public IReadOnlyDictionary<string, AnswerSummary> Answers { get; init; } = new Dictionary<string, AnswerSummary>();

    public IReadOnlyDictionary<string, MeansOfVerification> Documents { get; init; } = new Dictionary<string, MeansOfVerification>();

    public DateTimeOffset? SubmittedAt { get; init; }

    public bool SubmittedLate { get; init; }

    /// <summary>The GEG experts and the consultant on this evaluation, once the assignment is committed.</summary>
    public IReadOnlyList<string> Experts { get; init; } = [];

    public string? Consultant { get; init; }

    public bool IsAssigned => Experts.Count > 0;

    public Owner Owner => Stages.OwnerOf(Stage);

    public bool IsOverdue(DateTimeOffset now) => Due is { } due && now > due && !Stages.IsFinal(Stage) && Owner != Owner.None;

    public bool IsCompletedDocument(string id) => Documents.TryGetValue(id, out var d) && d.Status == DocumentStatus.Completed;
}
