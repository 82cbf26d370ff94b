namespace MemWorkflow.Portal.Api;

public sealed record ProposalRequest(int? Seed);

public sealed record EvaluationAssignment(string MemberState, List<string> Experts, string Consultant);

public sealed record ProposalView(
    string ProposalId, int Seed, List<EvaluationAssignment> Evaluations, Dictionary<string, int> Loads, Dictionary<string, int>? ConsultantLoads,
    bool Optimal, DateTimeOffset CreatedAt);

public sealed record Decline(string MemberState, string DeclinedId, string ReplacementId, string Reason, DateTimeOffset At);

public sealed record AssignmentView(string RoundId, string ProposalId, DateTimeOffset CommittedAt, List<EvaluationAssignment> Evaluations, List<Decline>? Declined);

public sealed record Exclusion(string ParticipantId, string Name, List<string> Reasons);

public sealed record UnstaffableEvaluation(
    string MemberState, string? PillarId, string Role, int SeatsNeeded, int EligibleCandidates, List<Exclusion> Excluded, string Explanation);

public sealed record MyAssignment(
    string RoundId, string ThematicEvaluation, int Year, string MemberState, string Country, string Role, string? Stage,
    DateTimeOffset? Due, DateTimeOffset SubmissionDue, int DraftDays);
