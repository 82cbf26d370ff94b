using MemWorkflow.Contracts.Catalogue;
using Plans = MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Functions.Catalogue;

/// <summary>The contract's catalogue, made from a Plan's catalogue and the list of member states.</summary>
public static class CatalogueViews
{
    extension(CatalogueView)
    {
        public static CatalogueView Of(Plans.PlanCatalogue catalogue) => new(
            catalogue.Plan.Id, catalogue.Plan.Title,
            catalogue.Plan.Pillars.Select(p => new Pillar(p.Id, p.Title, p.ShortName, p.Objectives
                .Select(o => new Objective(o.Id, o.Number, o.Text, o.PriorityActions.Select(a => new PriorityAction(a.Id, a.Number, a.Text)).ToList()))
                .ToList())).ToList(),
            catalogue.ThematicEvaluations.Select(t => new ThematicEvaluation(t.Id, t.Year, t.Title, t.PillarIds, t.ReportTitle, t.TitleInReports)).ToList(),
            Plans.MemberStates.All.Select(m => new MemberState(m.Code, m.Name)).ToList());
    }
}
