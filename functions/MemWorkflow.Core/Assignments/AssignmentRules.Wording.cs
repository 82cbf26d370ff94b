using MemWorkflow.Contracts.Assignments;
using MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Core.Assignments;

// The words the MEM Unit reads in violations and explanations.
public static partial class AssignmentRules
{
    private static string StateName(string code) => MemberStates.NameOf(code);

    private static string Who(Candidate candidate) =>
        candidate.MemberState is { } state ? $"{candidate.Name} ({StateName(state)})" : candidate.Name;

    /// <summary>The pillar's short name in the round's plan ("Supply Reduction"): explanations are labels.</summary>
    private static string PillarName(AssignmentProblem problem, string pillarId) => problem.PillarNames?.GetValueOrDefault(pillarId) ?? pillarId;

    private static string PillarList(AssignmentProblem problem, IReadOnlyList<string> pillarIds) =>
        JoinWith(pillarIds.Distinct(StringComparer.Ordinal).Select(p => PillarName(problem, p)).ToList(), "or");

    /// <summary>"Grenada (Supply Reduction)" when one pillar of the round applies to the state, else "Grenada".</summary>
    private static string EvaluationLabel(AssignmentProblem problem, EvaluationNeed need) =>
        SinglePillar(need) is { } pillar ? $"{StateName(need.MemberState)} ({PillarName(problem, pillar)})" : StateName(need.MemberState);

    private static string? SinglePillar(EvaluationNeed need)
    {
        var pillars = need.PillarIds.Distinct(StringComparer.Ordinal).ToList();
        return pillars.Count == 1 ? pillars[0] : null;
    }

    private static string LanguageName(string code) => code.ToLowerInvariant() switch
    {
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "pt" => "Portuguese",
        _ => code,
    };

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string RoleName(SeatRole role) => role == SeatRole.Expert ? "expert" : "consultant";

    /// <summary>"A", "A and B", "A, B and C" (or "or").</summary>
    private static string JoinWith(IReadOnlyList<string> items, string conjunction) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}",
    };

    private static string ReasonText(ExclusionReason reason, EvaluationNeed need, AssignmentProblem problem, SeatRole role, int? cap) => reason switch
    {
        ExclusionReason.OwnState => role == SeatRole.Expert ? "own state" : "own nationality",
        ExclusionReason.NoExpertise => $"no expertise in {PillarList(problem, need.PillarIds)}",
        ExclusionReason.NoSharedLanguage => $"does not work in {LanguageName(problem.Language)}",
        ExclusionReason.AtCap => $"at the load cap of {cap}",
        ExclusionReason.Declined => "declined this evaluation",
        _ => reason.ToString(),
    };

    private static string ExclusionText(Exclusion exclusion, Candidate candidate, EvaluationNeed need, AssignmentProblem problem, SeatRole role, int? cap) =>
        $"{Who(candidate)}: {string.Join(", ", exclusion.Reasons.Select(r => ReasonText(r, need, problem, role, cap)))}";
}
