namespace MemWorkflow.Portal.Api;

public sealed record PriorityAction(string Id, string Number, string Text);

public sealed record Objective(string Id, int Number, string Text, List<PriorityAction> PriorityActions);

/// <summary><see cref="Title"/>: the Plan's official title; <see cref="ShortName"/>: the label people use.</summary>
public sealed record Pillar(string Id, string Title, string ShortName, List<Objective> Objectives);

public sealed record ThematicEvaluation(string Id, int Year, string Title, List<string> PillarIds);

public sealed record MemberState(string Code, string Name);

public sealed record Catalogue(string PlanId, string PlanTitle, List<Pillar> Pillars, List<ThematicEvaluation> ThematicEvaluations, List<MemberState> MemberStates)
{
    public Objective? FindObjective(string id) => Pillars.SelectMany(p => p.Objectives).FirstOrDefault(o => o.Id == id);

    public Pillar? PillarOf(string objectiveId) => Pillars.FirstOrDefault(p => p.Objectives.Any(o => o.Id == objectiveId));
}
