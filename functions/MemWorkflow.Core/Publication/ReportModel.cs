namespace MemWorkflow.Core.Publication;

/// <summary>One country's published evaluation report, in the shape of the real MEM reports: title
/// block, preface, then per pillar the country's information per objective and priority action,
/// then the evaluative summary per objective. <see cref="PlanTitle"/>: the Plan of Action the round was
/// started under, which the preface names.</summary>
public sealed record ReportModel(
    string ThematicTitle, string MemberState, string CountryName, int Year, int PeriodFrom, int PeriodTo, IReadOnlyList<ReportPillar> Pillars, string PlanTitle);

/// <summary><see cref="Title"/>: the pillar's official title, the report's heading.</summary>
public sealed record ReportPillar(string Title, IReadOnlyList<ReportObjective> Objectives);

public sealed record ReportObjective(int Number, string Text, IReadOnlyList<ReportPriorityAction> PriorityActions, string EvaluativeSummary);

public sealed record ReportPriorityAction(string Number, string Text, string CountryInformation, string? Assessment);
