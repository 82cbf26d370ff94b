using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Tests.Catalogue;

public sealed class PlanCataloguesSpecs
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private static readonly PlanCatalogue Plan2021 = PlanCatalogues.Known.For(PlanCatalogues.FirstPlanId);

    /// <summary>A later plan that reuses the ids "IS" and "R8-2023" for other words and other items, so
    /// reading a 2021 round through it would show in the titles, the thematic evaluation and the items.</summary>
    private static readonly PlanCatalogue Plan2026 = new(
        new PlanOfAction("2026-2030", "Hemispheric Plan of Action on Drugs 2026-2030",
        [
            new Pillar("IS", "Institutional Strengthening and Governance", "Governance",
            [
                new Objective("IS-1", 1, "Strengthen drug governance.", [new PriorityAction("IS-1.1", "1.1", "Adopt a drug governance framework.")]),
            ]),
            new Pillar("HR", "Human Rights and Public Health", "Human Rights",
            [
                new Objective("HR-1", 1, "Protect human rights in drug policy.", [new PriorityAction("HR-1.1", "1.1", "Review drug laws for human rights.")]),
            ]),
        ]),
        [new ThematicEvaluation("R8-2023", 2027, "Governance and Human Rights", ["IS", "HR"])]);

    private static RoundRequest Request(string thematic = "R8-2023") => new(thematic, ["MEX", "GRD"], null, null, null, null, null, null);

    private static RoundState Started(RoundSettings settings) => RoundDecider.Evolve(null, new RoundStarted("r2023-0a1b2c3d", settings, Now));

    [Fact]
    public void Known_HasThe2021Plan_AsTheCurrentPlan()
    {
        Assert.Equal("2021-2025", PlanCatalogues.Known.Current.Plan.Id);
        Assert.Same(PlanCatalogues.Known.Current, PlanCatalogue.Current);
        Assert.Equal(["2021-2025"], PlanCatalogues.Known.All.Select(c => c.Plan.Id));
    }

    [Fact]
    public void StartingARound_RecordsThePlanItIsStartedUnder()
    {
        var (settings, errors) = RoundRules.Validate(Request(), new PlanCatalogues([Plan2021, Plan2026], "2026-2030").Current, new RoundDefaults(), Now);

        Assert.Empty(errors);
        Assert.Equal("2026-2030", settings!.PlanId);
        Assert.Equal(["IS", "HR"], new PlanCatalogues([Plan2021, Plan2026], "2021-2025").ThematicEvaluationOf(settings).PillarIds);
    }

    [Fact]
    public void ARoundStartedUnderThe2021Plan_KeepsThatPlansTitlesAndItems_WhenALaterPlanBecomesCurrent()
    {
        var before = new PlanCatalogues([Plan2021], currentPlanId: "2021-2025");
        var (settings, _) = RoundRules.Validate(Request(), before.Current, new RoundDefaults(), Now);
        var round = Started(settings!);
        var itemsBefore = before.For(round.Settings).QuestionnaireItems(before.ThematicEvaluationOf(round.Settings).PillarIds, []);

        var after = new PlanCatalogues([Plan2021, Plan2026], currentPlanId: "2026-2030");
        var catalogue = after.For(round.Settings);
        var thematic = after.ThematicEvaluationOf(round.Settings);
        var items = catalogue.QuestionnaireItems(thematic.PillarIds, []);

        Assert.Same(Plan2026, after.Current);
        Assert.Equal("Hemispheric Plan of Action on Drugs 2021-2025", catalogue.Plan.Title);
        Assert.Equal("Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation", thematic.Title);
        Assert.Equal(["IS", "RIME", "IC"], thematic.PillarIds);
        Assert.Equal(itemsBefore.Select(i => i.Action.Id), items.Select(i => i.Action.Id));
        Assert.Equal(24 + 21 + 7, items.Count);
        Assert.Equal("Institutional Strengthening", catalogue.FindPillar("IS")!.Title);
        Assert.Equal("Place national drug authorities at a high political level.", catalogue.FindPriorityAction("IS-1.1")!.Action.Text);
        Assert.Null(catalogue.FindPriorityAction("HR-1.1"));
    }

    [Fact]
    public void ARoundStartedUnderTheLaterPlan_IsReadInItsWords()
    {
        var after = new PlanCatalogues([Plan2021, Plan2026], currentPlanId: "2026-2030");
        var (settings, _) = RoundRules.Validate(Request(), after.Current, new RoundDefaults(), Now);
        var round = Started(settings!);

        var items = after.For(round.Settings).QuestionnaireItems(after.ThematicEvaluationOf(round.Settings).PillarIds, []);

        Assert.Equal(["IS-1.1", "HR-1.1"], items.Select(i => i.Action.Id));
        Assert.Equal(["Institutional Strengthening and Governance", "Human Rights and Public Health"], items.Select(i => i.Pillar.Title));
    }

    [Fact]
    public void AStoredRoundWithoutAPlanId_LoadsAsThe2021Plan()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        var (settings, _) = RoundRules.Validate(Request("R8-2022"), Plan2021, new RoundDefaults(), Now);
        // The started event as it was stored before rounds recorded their plan.
        var stored = JsonSerializer.SerializeToNode<RoundEvent>(new RoundStarted("r2022-0a1b2c3d", settings!, Now), options)!;
        Assert.True(stored["settings"]!.AsObject().Remove("planId"));

        var started = Assert.IsType<RoundStarted>(stored.Deserialize<RoundEvent>(options));
        var registry = new PlanCatalogues([Plan2021, Plan2026], currentPlanId: "2026-2030");

        Assert.Equal("2021-2025", started.Settings.PlanId);
        Assert.Same(Plan2021, registry.For(started.Settings));
        Assert.Equal(["SR"], registry.ThematicEvaluationOf(started.Settings).PillarIds);
    }

    [Fact]
    public void For_APlanThisBuildDoesNotKnow_Throws()
    {
        var settings = RoundRules.Validate(Request(), Plan2021, new RoundDefaults(), Now).Settings! with { PlanId = "1998-2000" };

        Assert.Throws<InvalidOperationException>(() => PlanCatalogues.Known.For(settings));
        Assert.Throws<ArgumentException>(() => new PlanCatalogues([Plan2021], currentPlanId: "2026-2030"));
    }
}
