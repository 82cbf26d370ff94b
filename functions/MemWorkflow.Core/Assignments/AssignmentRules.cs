using MemWorkflow.Contracts.Assignments;

namespace MemWorkflow.Core.Assignments;

public enum SeatRole
{
    Expert,
    Consultant,
}

/// <summary>The hard rules of GEG assignment as pure functions: who may take which seat
/// (<see cref="Exclusions"/>), whether a proposal keeps every rule (<c>Validate</c>), why a problem cannot
/// be staffed (<c>Explain</c>) and what a proposal scores (<c>MeasureObjectives</c>).</summary>
public static partial class AssignmentRules
{
    /// <summary>Why <paramref name="candidate"/> may not take a <paramref name="role"/> seat on
    /// <paramref name="evaluation"/> by the per-seat rules; empty when they may. A consultant needs no
    /// pillar expertise: they review drafts for quality and consistency, not substance.</summary>
    public static IReadOnlyList<ExclusionReason> Exclusions(
        AssignmentProblem problem, EvaluationNeed evaluation, Candidate candidate, SeatRole role) =>
        Reasons(ExclusionMask(problem, evaluation, candidate, role, IsDeclined(problem, evaluation, candidate)));

    public static bool IsEligible(AssignmentProblem problem, EvaluationNeed evaluation, Candidate candidate, SeatRole role) =>
        ExclusionMask(problem, evaluation, candidate, role, IsDeclined(problem, evaluation, candidate)) == 0;

    /// <summary>How many of the evaluation's pillars the candidate has expertise in: what a seat adds to
    /// the expertise score.</summary>
    public static int ExpertiseMatch(EvaluationNeed evaluation, Candidate candidate) =>
        evaluation.PillarIds.Distinct(StringComparer.Ordinal).Count(p => candidate.Expertise.Contains(p, StringComparer.Ordinal));

    public static bool SpeaksLanguage(Candidate candidate, string language) =>
        candidate.Languages.Contains(language, StringComparer.OrdinalIgnoreCase);

    public static bool IsOwnState(Candidate candidate, string memberState) =>
        candidate.MemberState is not null && string.Equals(candidate.MemberState, memberState, StringComparison.Ordinal);

    internal static int ExclusionMask(AssignmentProblem problem, EvaluationNeed evaluation, Candidate candidate, SeatRole role, bool declined)
    {
        var mask = 0;
        if (IsOwnState(candidate, evaluation.MemberState))
            mask |= Bit(ExclusionReason.OwnState);
        if (role == SeatRole.Expert && ExpertiseMatch(evaluation, candidate) == 0)
            mask |= Bit(ExclusionReason.NoExpertise);
        if (!SpeaksLanguage(candidate, problem.Language))
            mask |= Bit(ExclusionReason.NoSharedLanguage);
        if (declined)
            mask |= Bit(ExclusionReason.Declined);
        return mask;
    }

    internal static int Bit(ExclusionReason reason) => 1 << (int)reason;

    internal static IReadOnlyList<ExclusionReason> Reasons(int mask) =>
        mask == 0 ? [] : Enum.GetValues<ExclusionReason>().Where(r => (mask & Bit(r)) != 0).ToList();

    private static bool IsDeclined(AssignmentProblem problem, EvaluationNeed evaluation, Candidate candidate) =>
        problem.Declined.Contains(new Seat(evaluation.MemberState, candidate.ParticipantId));
}
