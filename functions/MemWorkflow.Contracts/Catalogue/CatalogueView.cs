namespace MemWorkflow.Contracts.Catalogue;

public sealed record PriorityAction(string Id, string Number, string Text);

public sealed record Objective(string Id, int Number, string Text, IReadOnlyList<PriorityAction> PriorityActions);

/// <summary>A pillar of the Plan: <see cref="Title"/> is its official title; <see cref="ShortName"/> is what
/// people call it ("Supply Reduction"), fit for a label.</summary>
public sealed record Pillar(string Id, string Title, string ShortName, IReadOnlyList<Objective> Objectives);

/// <summary>A thematic evaluation of a MEM round: which pillars of the Plan it evaluates;
/// <see cref="TitleInReports"/> is how the published reports' title names its thematic areas.</summary>
public sealed record ThematicEvaluation(string Id, int Year, string Title, IReadOnlyList<string> PillarIds, string? ReportTitle, string TitleInReports);

public sealed record MemberState(string Code, string Name);

/// <summary>GET /api/catalogue: the current Plan of Action, the thematic evaluations and the OAS member states.</summary>
public sealed record CatalogueView(
    string PlanId, string PlanTitle, IReadOnlyList<Pillar> Pillars, IReadOnlyList<ThematicEvaluation> ThematicEvaluations, IReadOnlyList<MemberState> MemberStates);
