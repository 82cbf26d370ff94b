namespace MemWorkflow.Core.Assignments;

public static partial class AssignmentRules
{
    /// <summary>Re-checks every hard rule on a proposal, independently of whoever made it: each evaluation
    /// present once with its experts and one consultant, only known candidates, no one on their own state,
    /// expertise, the round's language, one expert per designating state, no declined pair, locked seats
    /// kept, load caps, and loads that match the seats. Empty when the proposal keeps every rule.</summary>
    public static IReadOnlyList<string> Validate(AssignmentProblem problem, AssignmentProposal proposal)
    {
        var violations = new List<string>();
        var needs = problem.Evaluations.GroupBy(e => e.MemberState, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var experts = problem.Experts.GroupBy(c => c.ParticipantId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var consultants = problem.Consultants.GroupBy(c => c.ParticipantId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var declined = problem.Declined.ToHashSet();
        var seated = new HashSet<Seat>();
        var expertLoads = new Dictionary<string, int>(StringComparer.Ordinal);
        var consultantLoads = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var repeated in proposal.Evaluations.GroupBy(e => e.MemberState, StringComparer.Ordinal).Where(g => g.Count() > 1))
            violations.Add($"{StateName(repeated.Key)} appears {repeated.Count()} times in the proposal.");
        foreach (var missing in needs.Keys.Where(s => proposal.Evaluations.All(e => e.MemberState != s)))
            violations.Add($"{StateName(missing)} is missing from the proposal.");

        foreach (var assignment in proposal.Evaluations)
        {
            var state = assignment.MemberState;
            foreach (var id in assignment.Experts.Distinct(StringComparer.Ordinal))
                expertLoads[id] = expertLoads.GetValueOrDefault(id) + 1;
            consultantLoads[assignment.Consultant] = consultantLoads.GetValueOrDefault(assignment.Consultant) + 1;
            if (!needs.TryGetValue(state, out var need))
            {
                violations.Add($"{StateName(state)} is not evaluated in this round but is in the proposal.");
                continue;
            }
            if (assignment.Experts.Count != problem.ExpertsPerEvaluation)
                violations.Add($"{StateName(state)} has {Count(assignment.Experts.Count, "expert")}; it needs {problem.ExpertsPerEvaluation}.");
            foreach (var twice in assignment.Experts.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
                violations.Add($"{StateName(state)} has expert {twice.Key} {twice.Count()} times.");

            var designators = new List<string>();
            foreach (var id in assignment.Experts.Distinct(StringComparer.Ordinal))
            {
                seated.Add(new Seat(state, id));
                if (!experts.TryGetValue(id, out var expert))
                {
                    violations.Add($"{StateName(state)} has {id}, who is not among the round's experts.");
                    continue;
                }
                if (IsOwnState(expert, state))
                    violations.Add($"{Who(expert)} is on {StateName(state)}, the state that designated them.");
                if (ExpertiseMatch(need, expert) == 0)
                    violations.Add($"{Who(expert)} is on {StateName(state)} with no expertise in {PillarList(problem, need.PillarIds)}.");
                if (!SpeaksLanguage(expert, problem.Language))
                    violations.Add($"{Who(expert)} is on {StateName(state)} but does not work in {LanguageName(problem.Language)}.");
                if (declined.Contains(new Seat(state, id)))
                    violations.Add($"{Who(expert)} declined {StateName(state)} but is proposed for it.");
                if (expert.MemberState is { } designator)
                    designators.Add(designator);
            }
            foreach (var same in designators.GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() > 1))
                violations.Add($"{StateName(state)} has {same.Count()} experts designated by {StateName(same.Key)}.");

            var consultantId = assignment.Consultant;
            if (!consultants.TryGetValue(consultantId, out var consultant))
            {
                violations.Add($"{StateName(state)} has consultant {consultantId}, who is not among the round's consultants.");
                continue;
            }
            seated.Add(new Seat(state, consultantId));
            if (IsOwnState(consultant, state))
                violations.Add($"Consultant {Who(consultant)} is on {StateName(state)}, their own nationality.");
            if (!SpeaksLanguage(consultant, problem.Language))
                violations.Add($"Consultant {Who(consultant)} is on {StateName(state)} but does not work in {LanguageName(problem.Language)}.");
            if (declined.Contains(new Seat(state, consultantId)))
                violations.Add($"Consultant {Who(consultant)} declined {StateName(state)} but is proposed for it.");
        }

        foreach (var locked in problem.LockedExperts.Concat(problem.LockedConsultants).Distinct().Where(s => !seated.Contains(s)))
            violations.Add($"The locked seat of {locked.ParticipantId} on {StateName(locked.MemberState)} is not kept.");
        CheckLoads(violations, "expert", problem.ExpertLoadCap, expertLoads, proposal.ExpertLoads);
        CheckLoads(violations, "consultant", problem.ConsultantLoadCap, consultantLoads, proposal.ConsultantLoads);
        return violations;
    }

    private static void CheckLoads(
        List<string> violations, string role, int? cap, Dictionary<string, int> actual, IReadOnlyDictionary<string, int> reported)
    {
        foreach (var (id, load) in actual.Where(l => cap is { } c && l.Value > c))
            violations.Add($"The {role} {id} has {Count(load, "evaluation")}, above the load cap of {cap}.");
        foreach (var id in actual.Keys.Union(reported.Keys).Where(id => actual.GetValueOrDefault(id) != reported.GetValueOrDefault(id)))
            violations.Add($"The proposal reports a load of {reported.GetValueOrDefault(id)} for the {role} {id}, who has {actual.GetValueOrDefault(id)}.");
    }
}
