namespace MemWorkflow.Core.Catalogue;

/// <summary>Look-ups over one Plan of Action and the thematic evaluations a round can be started for.</summary>
public sealed class PlanCatalogue(PlanOfAction plan, IReadOnlyList<ThematicEvaluation> thematicEvaluations)
{
    /// <summary>The plan new rounds start under (<see cref="PlanCatalogues.Current"/> of the known plans). A
    /// stored round is read through the plan it recorded: <see cref="PlanCatalogues.For(Rounds.RoundSettings)"/>.</summary>
    public static PlanCatalogue Current => PlanCatalogues.Known.Current;

    private readonly Dictionary<string, PriorityActionEntry> priorityActions = plan.Pillars
        .SelectMany(p => p.Objectives.SelectMany(o => o.PriorityActions.Select(a => new PriorityActionEntry(p, o, a))))
        .ToDictionary(e => e.Action.Id, StringComparer.Ordinal);

    public PlanOfAction Plan { get; } = plan;

    public IReadOnlyList<ThematicEvaluation> ThematicEvaluations { get; } = thematicEvaluations;

    public ThematicEvaluation? FindThematicEvaluation(string? id) =>
        ThematicEvaluations.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    public Pillar? FindPillar(string? id) =>
        Plan.Pillars.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    public PriorityActionEntry? FindPriorityAction(string id) =>
        priorityActions.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>The questionnaire of one state: every priority action of the evaluated pillars that are
    /// not excluded for it, in the order of the Plan.</summary>
    public IReadOnlyList<PriorityActionEntry> QuestionnaireItems(IEnumerable<string> pillarIds, IEnumerable<string> excludedPillarIds)
    {
        var included = pillarIds.Except(excludedPillarIds, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        return Plan.Pillars
            .Where(p => included.Contains(p.Id))
            .SelectMany(p => p.Objectives.SelectMany(o => o.PriorityActions.Select(a => new PriorityActionEntry(p, o, a))))
            .ToList();
    }
}

public sealed record PriorityActionEntry(Pillar Pillar, Objective Objective, PriorityAction Action);
