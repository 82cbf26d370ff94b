namespace MemWorkflow.Core.Catalogue;

/// <summary>A priority action of the Plan of Action, e.g. "SR-1.6" numbered "1.6" under Supply Reduction objective 1.</summary>
public sealed record PriorityAction(string Id, string Number, string Text);

public sealed record Objective(string Id, int Number, string Text, IReadOnlyList<PriorityAction> PriorityActions);

/// <summary>A pillar of the Plan: <see cref="Title"/> is its official title, as reports and questionnaires
/// print it; <see cref="ShortName"/> is what people call it ("Supply Reduction"), fit for a label.</summary>
public sealed record Pillar(string Id, string Title, string ShortName, IReadOnlyList<Objective> Objectives);

/// <summary>A thematic evaluation of a MEM round: which pillars of the Plan it evaluates.</summary>
public sealed record ThematicEvaluation(string Id, int Year, string Title, IReadOnlyList<string> PillarIds, string? ReportTitle = null)
{
    /// <summary>The thematic areas as the published reports' title names them.</summary>
    public string TitleInReports => ReportTitle ?? Title;
}

public sealed record PlanOfAction(string Id, string Title, IReadOnlyList<Pillar> Pillars);
