using MemWorkflow.Contracts.Assignments;

namespace MemWorkflow.Core.Assignments;

/// <summary>A GEG expert or a technical consultant who could take a seat. <see cref="MemberState"/> is
/// the state that designated the expert, or the consultant's nationality (null: none).</summary>
public sealed record Candidate(string ParticipantId, string Name, string? MemberState, IReadOnlyList<string> Languages, IReadOnlyList<string> Expertise);

/// <summary>One country evaluation to staff, with the pillars of the round that apply to that state.</summary>
public sealed record EvaluationNeed(string MemberState, IReadOnlyList<string> PillarIds);

/// <summary>A participant on one country's evaluation.</summary>
public sealed record Seat(string MemberState, string ParticipantId);

/// <summary>Everything the solver and the validator need, as plain data. <see cref="PillarNames"/>: the
/// short names of the round's plan's pillars by id, for the explanations (ids when absent).</summary>
public sealed record AssignmentProblem(
    string Language,
    int ExpertsPerEvaluation,
    int? ExpertLoadCap,
    int? ConsultantLoadCap,
    IReadOnlyList<EvaluationNeed> Evaluations,
    IReadOnlyList<Candidate> Experts,
    IReadOnlyList<Candidate> Consultants,
    IReadOnlyList<Seat> Declined,
    IReadOnlyList<Seat> LockedExperts,
    IReadOnlyList<Seat> LockedConsultants,
    IReadOnlyList<Seat> PreviousPairs,
    int Seed,
    IReadOnlyDictionary<string, string>? PillarNames = null);

public sealed record EvaluationAssignment(string MemberState, IReadOnlyList<string> Experts, string Consultant);

/// <summary>The objective values of a proposal, in the order they are optimised.</summary>
public sealed record AssignmentObjectives(
    int ExpertMaxLoad,
    int ExpertMinLoad,
    int ExpertiseScore,
    int ReciprocalPairs,
    int RepeatedPairs,
    int ConsultantMaxLoad,
    int ConsultantMinLoad);

public sealed record AssignmentProposal(
    IReadOnlyList<EvaluationAssignment> Evaluations,
    IReadOnlyDictionary<string, int> ExpertLoads,
    IReadOnlyDictionary<string, int> ConsultantLoads,
    AssignmentObjectives Objectives,
    bool Optimal);

public sealed record Exclusion(string ParticipantId, string Name, IReadOnlyList<ExclusionReason> Reasons);

/// <summary>A country evaluation (and, where one pillar is the bottleneck, that pillar) that cannot be
/// staffed, with every candidate that was excluded and why.</summary>
public sealed record UnstaffableEvaluation(
    string MemberState, string? PillarId, string Role, int SeatsNeeded, int EligibleCandidates, IReadOnlyList<Exclusion> Excluded, string Explanation);

public sealed record Infeasibility(string Summary, IReadOnlyList<UnstaffableEvaluation> Evaluations);

public abstract record SolveResult
{
    private SolveResult() { }

    public sealed record Proposed(AssignmentProposal Proposal) : SolveResult;

    public sealed record Infeasible(Infeasibility Infeasibility) : SolveResult;
}

/// <summary>Solves an assignment problem exactly. Implemented outside the core (it needs OR-Tools).</summary>
public interface IAssignmentSolver
{
    SolveResult Solve(AssignmentProblem problem, CancellationToken cancellationToken = default);
}
