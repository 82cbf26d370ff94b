using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Questionnaires;

namespace MemWorkflow.Core.Evaluations;

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

    /// <summary>Experts who declined their seat themselves (their replacement may still be on its way).</summary>
    public IReadOnlyList<string> SteppedAside { get; init; } = [];

    /// <summary>Whether the draft is still the experts' own: before it first went to the consultant. After
    /// that an expert cannot step aside (the MEM Unit can still replace one).</summary>
    public bool ExpertsMayStepAside => Stage is Stage.Issued or Stage.Submitted or Stage.InReview && Iterations == 0;

    public bool IsAssigned => Experts.Count > 0;

    /// <summary>The experts' evaluative summaries, per objective id.</summary>
    public IReadOnlyDictionary<string, DraftSummary> Draft { get; init; } = new Dictionary<string, DraftSummary>();

    /// <summary>How many times the draft went to the consultant.</summary>
    public int Iterations { get; init; }

    /// <summary>Set when the country's comments sent the draft back: the revision then goes to approval.</summary>
    public bool RevisingAfterCountryReview { get; init; }

    public PublishedReport? Report { get; init; }

    /// <summary>How many events the history holds (states stored before this was counted start from their next event).</summary>
    public int Events { get; init; }

    /// <summary>The objectives of the questionnaire, in Plan order: one evaluative summary each.</summary>
    public IReadOnlyList<string> ObjectiveIds => PriorityActionIds.Select(id => id[..id.IndexOf('.')]).Distinct().ToList();

    public Owner Owner => Stages.OwnerOf(Stage);

    public bool IsOverdue(DateTimeOffset now) => Due is { } due && now > due && !Stages.IsFinal(Stage) && Owner != Owner.None;

    public bool IsCompletedDocument(string id) => Documents.TryGetValue(id, out var d) && d.Status == DocumentStatus.Completed;
}
