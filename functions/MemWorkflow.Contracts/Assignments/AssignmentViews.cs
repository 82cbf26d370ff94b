using MemWorkflow.Contracts.Evaluations;

namespace MemWorkflow.Contracts.Assignments;

public sealed record ProposalRequest(int? Seed);

public sealed record DeclineRequest(string? Reason);

/// <summary>Who reviews one country: its GEG experts and its technical consultant, by participant id.</summary>
public sealed record EvaluationAssignment(string MemberState, IReadOnlyList<string> Experts, string Consultant);

/// <summary>The objective values of a proposal, in the order they are optimised.</summary>
public sealed record AssignmentObjectives(
    int ExpertMaxLoad, int ExpertMinLoad, int ExpertiseScore, int ReciprocalPairs, int RepeatedPairs, int ConsultantMaxLoad, int ConsultantMinLoad);

public sealed record ProposalView(
    string ProposalId, int Seed, IReadOnlyList<EvaluationAssignment> Evaluations, IReadOnlyDictionary<string, int> Loads,
    IReadOnlyDictionary<string, int> ConsultantLoads, AssignmentObjectives Objectives, bool Optimal, DateTimeOffset CreatedAt);

/// <summary>An expert who declined a seat and who took it.</summary>
public sealed record Decline(string MemberState, string DeclinedId, string ReplacementId, string Reason, DateTimeOffset At);

public sealed record AssignmentView(string RoundId, string ProposalId, DateTimeOffset CommittedAt, IReadOnlyList<EvaluationAssignment> Evaluations, IReadOnlyList<Decline> Declined);

/// <summary>What an expert who declined learns: their own seat, now given up, and nothing of anyone else's.</summary>
public sealed record DeclinedSeat(string RoundId, string MemberState, string ExpertId, bool Declined = true);

public sealed record MyAssignment(
    string RoundId, string ThematicEvaluation, int Year, string MemberState, string Country, string Role, Stage? Stage,
    DateTimeOffset? Due, DateTimeOffset SubmissionDue, int DraftDays);

public enum ExclusionReason
{
    OwnState,
    NoExpertise,
    NoSharedLanguage,
    AtCap,
    Declined,
}

public sealed record Exclusion(string ParticipantId, string Name, IReadOnlyList<ExclusionReason> Reasons);

/// <summary>A country evaluation (and, where one pillar is the bottleneck, that pillar) that cannot be
/// staffed, with every candidate that was excluded and why: the 422 problem's <c>unstaffable</c>.</summary>
public sealed record UnstaffableEvaluation(
    string MemberState, string? PillarId, string Role, int SeatsNeeded, int EligibleCandidates, IReadOnlyList<Exclusion> Excluded, string Explanation);
