using System.Text.RegularExpressions;
using MemWorkflow.Core.Catalogue;
using Xunit;

namespace MemWorkflow.Core.Tests.Catalogue;

public class PlanOfActionCatalogueTests
{
    private static readonly PlanOfAction Plan = PlanOfAction2021.Plan;

    private static IEnumerable<Objective> AllObjectives => Plan.Pillars.SelectMany(p => p.Objectives);

    private static IEnumerable<PriorityAction> AllPriorityActions => AllObjectives.SelectMany(o => o.PriorityActions);

    private static IEnumerable<(string Id, string Text)> AllTexts =>
        AllObjectives.Select(o => (o.Id, o.Text)).Concat(AllPriorityActions.Select(a => (a.Id, a.Text)));

    private static PriorityAction Action(string id) => Assert.Single(AllPriorityActions, a => a.Id == id);

    private static void AssertCounts(string pillarId, params int[] priorityActionsPerObjective)
    {
        var pillar = Assert.Single(Plan.Pillars, p => p.Id == pillarId);
        Assert.Equal(priorityActionsPerObjective, pillar.Objectives.Select(o => o.PriorityActions.Count).ToArray());
    }

    [Fact]
    public void Plan_Is2021To2025_WithFivePillarsInPlanOrder_UnderTheirOfficialTitles()
    {
        Assert.Equal("2021-2025", Plan.Id);
        Assert.Equal("Hemispheric Plan of Action on Drugs 2021-2025", Plan.Title);
        // The Plan's own headings (MEM-PROCESS.md, "The Plan's pillars, by their official titles").
        Assert.Equal(
            new[]
            {
                ("IS", "Institutional Strengthening"),
                ("DR", "Measures of Prevention, Treatment, and Recovery Support"),
                ("SR", "Measures to Control and Counter the Illicit Cultivation, Production, Trafficking, and Distribution of Drugs, and to Address their Causes and Consequences"),
                ("RIME", "Research, Information, Monitoring, and Evaluation"),
                ("IC", "International Cooperation"),
            },
            Plan.Pillars.Select(p => (p.Id, p.Title)).ToArray());
    }

    [Fact]
    public void EveryPillar_HasAShortNameForLabels_DemandAndSupplyReductionByTheirCommonNames()
    {
        Assert.Equal(
            new[]
            {
                ("IS", "Institutional Strengthening"),
                ("DR", "Demand Reduction"),
                ("SR", "Supply Reduction"),
                ("RIME", "Research, Information, Monitoring, and Evaluation"),
                ("IC", "International Cooperation"),
            },
            Plan.Pillars.Select(p => (p.Id, p.ShortName)).ToArray());
    }

    [Fact]
    public void InstitutionalStrengthening_HasSixObjectives_WithPinnedPriorityActionCounts() =>
        AssertCounts("IS", 4, 7, 6, 3, 2, 2);

    [Fact]
    public void DemandReduction_HasFiveObjectives_WithPinnedPriorityActionCounts() =>
        AssertCounts("DR", 5, 5, 8, 4, 3);

    [Fact]
    public void SupplyReduction_HasTwelveObjectives_WithPinnedPriorityActionCounts() =>
        AssertCounts("SR", 10, 5, 8, 3, 4, 5, 7, 4, 5, 7, 3, 4);

    [Fact]
    public void ResearchInformationMonitoringEvaluation_HasFourObjectives_WithPinnedPriorityActionCounts() =>
        AssertCounts("RIME", 9, 3, 4, 5);

    [Fact]
    public void InternationalCooperation_HasTwoObjectives_WithPinnedPriorityActionCounts() =>
        AssertCounts("IC", 3, 4);

    [Fact]
    public void Plan_Has29ObjectivesAnd142PriorityActions()
    {
        Assert.Equal(29, AllObjectives.Count());
        Assert.Equal(142, AllPriorityActions.Count());
    }

    [Fact]
    public void EveryId_IsUniqueAcrossPillarsObjectivesAndPriorityActions()
    {
        var ids = Plan.Pillars.Select(p => p.Id)
            .Concat(AllObjectives.Select(o => o.Id))
            .Concat(AllPriorityActions.Select(a => a.Id))
            .ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ObjectivesAndPriorityActions_AreNumberedConsecutivelyFromOne_WithIdsDerivedFromTheirNumbers()
    {
        foreach (var pillar in Plan.Pillars)
        {
            for (var n = 1; n <= pillar.Objectives.Count; n++)
            {
                var objective = pillar.Objectives[n - 1];
                Assert.Equal(n, objective.Number);
                Assert.Equal($"{pillar.Id}-{n}", objective.Id);
                Assert.NotEmpty(objective.PriorityActions);

                for (var k = 1; k <= objective.PriorityActions.Count; k++)
                {
                    var action = objective.PriorityActions[k - 1];
                    Assert.Equal($"{n}.{k}", action.Number);
                    Assert.Equal($"{pillar.Id}-{n}.{k}", action.Id);
                }
            }
        }
    }

    [Fact]
    public void NoText_ContainsFootnoteMarksOrFootnoteText()
    {
        var offenders = AllTexts
            .Where(t => t.Text.IndexOfAny("¹²³⁴⁵⁶⁷⁸⁹⁰".ToCharArray()) >= 0
                        || t.Text.Contains("includes ethnicity", StringComparison.Ordinal)
                        || t.Text.Contains("may include:", StringComparison.Ordinal)
                        || t.Text.Contains("International Operations on New Psychoactive Substances", StringComparison.Ordinal))
            .Select(t => t.Id);

        Assert.Empty(offenders);
    }

    [Fact]
    public void NoText_StartsWithABulletNumberOrPrefix_AndEveryTextStartsWithACapital()
    {
        var offenders = AllTexts
            .Where(t => !Regex.IsMatch(t.Text, @"^\p{Lu}")
                        || Regex.IsMatch(t.Text, @"^(?:[-•–]|\d|Objective\b|Priority\b)"))
            .Select(t => t.Id);

        Assert.Empty(offenders);
    }

    [Fact]
    public void NoText_HasDoubleSpacesLineBreaksOrSurroundingWhitespace()
    {
        var offenders = AllTexts
            .Where(t => t.Text.Contains("  ", StringComparison.Ordinal)
                        || t.Text.IndexOfAny(['\n', '\r', '\t']) >= 0
                        || t.Text != t.Text.Trim())
            .Select(t => t.Id);

        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryText_EndsWithAPeriod()
    {
        var offenders = AllTexts.Where(t => !t.Text.EndsWith('.')).Select(t => t.Id);

        Assert.Empty(offenders);
    }

    [Fact]
    public void NoText_ContainsLineBreakArtefactsOfTheExtraction()
    {
        var offenders = AllTexts
            .Where(t => Regex.IsMatch(t.Text, @"atrisk|and/ or|\b\d+\.\d+\b|Priority actions", RegexOptions.IgnoreCase))
            .Select(t => t.Id);

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("SR-1.6", "Define and implement coordinated actions between national and regional entities to dismantle organized criminal groups involved in drug trafficking and related crimes.")]
    [InlineData("SR-11.2", "Design and implement specific research-based plans to mitigate the environmental impact of illicit crop cultivation and drug production, with the participation of local communities.")]
    [InlineData("DR-5.3", "Assessment, at the national, regional, and local levels, of the needs and supply of primary care, treatment, and reintegration services.")]
    [InlineData("IC-2.4", "Promote the accession, ratification, and implementation of the international legal instruments related to the world drug problem and related crimes.")]
    [InlineData("RIME-4.1", "Regularly collect information and data to evaluate implementation of the Hemispheric Plan of Action.")]
    [InlineData("SR-3.8", "Use, as appropriate, CICAD's Model Regulations for the control of Chemical Substances Used in the Illicit Production of Narcotic Drugs and Psychotropic Substances (2019) in the formulation of national chemical control regulations.")]
    [InlineData("IS-4.1", "Adopt alternative measures to incarceration for minor or non-violent drug-related offenses, where appropriate, while safeguarding the sovereignty of states, and ensuring individual accountability, respecting human rights and the gender perspective.")]
    [InlineData("DR-1.1", "Establish and/or update evidence-based programs in the areas of health promotion, prevention, early intervention, treatment, care, rehabilitation, social integration, and recovery and related support services, as well as initiatives and measures aimed at minimizing the adverse public health and social consequences of drug abuse, taking into account gender, age, community, and cultural context, and establish budgetary mechanisms for such programs.")]
    [InlineData("DR-3.1", """Implement and strengthen comprehensive and inclusive care, treatment, rehabilitation, recovery, and social integration programs and services in the public health care network, and/or social protection, taking into account the "International Standards on Treatment of Drug Use Disorders," the Technical Guide for countries to set targets for universal access to HIV prevention, treatment, and care for injecting drug users, issued WHO, UNODC, and the Joint United Nations Program on HIV/AIDS (UNAIDS).""")]
    [InlineData("IS-2.3", "Promote sub-national/local management of drug policies and/or strategies through greater coordination and/or delegation of responsibilities, as appropriate, between sub-national/local and national agencies, taking into account the socio-cultural, demographic and other differences of each region.")]
    [InlineData("IS-2.6", "Integrate a human rights, gender, and social inclusion approach, particularly with respect to at-risk populations, in the process of formulating, implementing, and updating national drug policies and/or strategies.")]
    [InlineData("DR-2.4", "Implement selective prevention programs aimed at at-risk populations, in particular at children, adolescents, youth, and women.")]
    [InlineData("SR-2.4", "Promote participation in the Project ION Incident Communication System (IONICS) to facilitate real-time communication of incidents involving suspicious shipments of, trafficking in, or illicit manufacture or production of NPS, including fentanyl-related substances and other non-medical synthetic opioids and amphetamine derivatives.")]
    [InlineData("SR-12.3", "Promote programs and strategies to prevent the exploitation of at-risk populations by drug trafficking networks, at the national and international level.")]
    public void PriorityAction_RepairedFromTheExtraction_HasItsFullPlanText(string id, string expectedText) =>
        Assert.Equal(expectedText, Action(id).Text);

    [Theory]
    [InlineData("SR-1.5", "Review and/or update mechanisms countries use to monitor the evolution of drug trafficking and related crimes, for the purpose of identifying and responding to new trends and threats.")]
    [InlineData("SR-1.7", "Enhance the capacity of national and regional forensic laboratories or similar investigation entities to analyze and identify chemical substances, precursors, pharmaceutical products, and synthetic drugs, including new psychoactive substances (NPS) and facilitate information sharing with global repositories and across governmental counterparts.")]
    [InlineData("SR-11.3", "Promote and strengthen the use of environmental management tools, as appropriate.")]
    [InlineData("IC-2.3", "Enact national legislation and/or take administrative actions, as appropriate, to more fully implement the obligations set forth within these legal instruments.")]
    public void PriorityAction_NextToARepairedItem_KeepsItsOwnNumberAndText(string id, string expectedText) =>
        Assert.Equal(expectedText, Action(id).Text);

    [Theory]
    [InlineData("IS-2", "Formulate, implement, evaluate, and update comprehensive national drug policies and/or strategies that promote balanced, multidisciplinary, and evidence-based approaches, while fully respecting human rights and fundamental freedoms, under the principle of common and shared responsibility, consistent with obligations of parties under international law, and take into account gender, age, community, cultural context, and socially inclusive development.")]
    [InlineData("DR-1", "Establish comprehensive and integrated drug demand reduction policies with a public health focus, that are evidence-based, multidisciplinary, multisectoral, respectful of human rights, that consider the gender perspective, community and take into account the guidelines and/or recommendations of specialized international and/or regional organizations.")]
    [InlineData("DR-2", "Establish or strengthen an integrated system of evidence-based universal, selective, and indicated drug use prevention programs that prioritize at-risk populations, as well as environmental prevention, that incorporate a human rights, gender, age, and multicultural perspective.")]
    [InlineData("SR-12", "Address the effects of small-scale drug trafficking on public health, the economy, social cohesion, and citizen security.")]
    [InlineData("IC-2", "Strengthen international cooperation as defined in the international legal instruments related to the world drug problem, maintaining respect for human rights.")]
    public void Objective_HasItsPlanTextWithoutPrefixOrFootnoteMarks(string id, string expectedText) =>
        Assert.Equal(expectedText, Assert.Single(AllObjectives, o => o.Id == id).Text);

    [Theory]
    [InlineData("R8-2021", 2021, "Measures for Prevention, Treatment, and Recovery Support", new[] { "DR" })]
    [InlineData("R8-2022", 2022, "Measures to Control and Counter the Illicit Cultivation, Production, Trafficking, and Distribution of Drugs, and to Address their Causes and Consequences", new[] { "SR" })]
    [InlineData("R8-2023", 2023, "Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation", new[] { "IS", "RIME", "IC" })]
    [InlineData("R8-2024", 2024, "Comprehensive Evaluation", new[] { "IS", "DR", "SR", "RIME", "IC" })]
    public void EighthRoundThematicEvaluation_CoversItsPillars(string id, int year, string title, string[] pillarIds)
    {
        var evaluation = Assert.Single(PlanOfAction2021.EighthRound, e => e.Id == id);

        Assert.Equal(year, evaluation.Year);
        Assert.Equal(title, evaluation.Title);
        Assert.Equal(pillarIds, evaluation.PillarIds);
    }

    [Fact]
    public void EighthRound_HasOneEvaluationPerYear2021To2024_AndTheThematicYearsCoverEveryPillarOnce()
    {
        Assert.Equal([2021, 2022, 2023, 2024], PlanOfAction2021.EighthRound.Select(e => e.Year));

        var thematicPillars = PlanOfAction2021.EighthRound.Where(e => e.Year < 2024).SelectMany(e => e.PillarIds).ToList();
        var planPillars = Plan.Pillars.Select(p => p.Id).ToList();

        Assert.Equal(planPillars.Order(StringComparer.Ordinal), thematicPillars.Order(StringComparer.Ordinal));
        Assert.Equal(planPillars, PlanOfAction2021.EighthRound.Single(e => e.Year == 2024).PillarIds);
    }
}
