using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Rounds;
using RoundRequest = MemWorkflow.Contracts.Rounds.RoundRequest;
using ScheduleRequest = MemWorkflow.Contracts.Rounds.ScheduleRequest;

namespace MemWorkflow.Core.Tests.Rounds;

public sealed class RoundRulesSpecs
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private static RoundRequest Request(
        string? thematic = "R8-2023", IReadOnlyList<string>? states = null,
        Dictionary<string, IReadOnlyList<string>>? excluded = null, ScheduleRequest? schedule = null, string? language = null, int? experts = null) =>
        new(thematic, states ?? ["MEX", "GRD"], null, language, excluded, schedule, experts, null);

    private static (RoundSettings? Settings, Dictionary<string, string[]> Errors) Validate(RoundRequest request) =>
        RoundRules.Validate(request, PlanCatalogue.Current, new RoundDefaults(), Now);

    [Fact]
    public void Validate_AMinimalRequest_FillsEveryDefault()
    {
        var (settings, errors) = Validate(Request());
        Assert.Empty(errors);
        Assert.Equal(new EvaluationPeriod(2019, 2023), settings!.EvaluationPeriod);
        Assert.Equal(Now.AddDays(90), settings.Schedule.SubmissionDue);
        Assert.Equal([14, 7, 1], settings.Schedule.ReminderDaysBefore);
        Assert.Equal(7, settings.Schedule.EscalationGraceDays);
        Assert.Equal(2, settings.ExpertsPerEvaluation);
        Assert.True(settings.CountryReview);
        Assert.Equal("en", settings.Language);
    }

    [Fact]
    public void Validate_KeepsPerStateExclusions()
    {
        var (settings, errors) = Validate(Request(thematic: "R8-2024", excluded: new() { ["GRD"] = ["SR"] }));
        Assert.Empty(errors);
        Assert.Equal(["SR"], settings!.Countries.Single(c => c.MemberState == "GRD").ExcludedPillarIds);
        Assert.Empty(settings.Countries.Single(c => c.MemberState == "MEX").ExcludedPillarIds);
    }

    [Theory]
    [InlineData("R8-2099", "thematicEvaluation", "is not a thematic evaluation")]
    [InlineData(null, "thematicEvaluation", "is required")]
    public void Validate_AnUnknownThematicEvaluation_NamesIt(string? thematic, string field, string message) =>
        Assert.Contains(message, Assert.Single(Validate(Request(thematic: thematic)).Errors[field]));

    [Fact]
    public void Validate_UnknownDuplicateOrNoMemberStates_NamesEachProblem()
    {
        Assert.Contains("is not an OAS member state", Validate(Request(states: ["MEX", "XYZ"])).Errors["memberStates[1]"][0]);
        Assert.Contains("MEX is listed 2 times", Validate(Request(states: ["MEX", "COL", "MEX"])).Errors["memberStates"][0]);
        Assert.Contains("At least one member state", Validate(Request(states: [])).Errors["memberStates"][0]);
    }

    [Fact]
    public void Validate_ExclusionsThatDoNotFitTheRound_AreRefused()
    {
        var errors = Validate(Request(excluded: new() { ["COL"] = ["IS"], ["MEX"] = ["DR"] })).Errors;
        Assert.Contains("not one of the round's member states", errors["excludedPillars.COL"][0]);
        Assert.Contains("'DR' is not a pillar of this thematic evaluation", errors["excludedPillars.MEX"][0]);
        var all = Validate(Request(excluded: new() { ["MEX"] = ["IS", "RIME", "IC"] })).Errors;
        Assert.Contains("Every pillar of the thematic evaluation is excluded", all["excludedPillars.MEX"][0]);
    }

    [Fact]
    public void Validate_KeepsALoadCap_AndRefusesOneOutOfRange()
    {
        var capped = Request() with { ExpertLoadCap = 3 };
        Assert.Equal(3, Validate(capped).Settings!.ExpertLoadCap);
        Assert.Null(Validate(Request()).Settings!.ExpertLoadCap);
        Assert.Contains("between 1 and 50", Validate(Request() with { ConsultantLoadCap = 0 }).Errors["consultantLoadCap"][0]);
    }

    [Fact]
    public void Validate_ADueDateInThePast_IsRefused() =>
        Assert.Contains("is not in the future",
            Validate(Request(schedule: new ScheduleRequest(Now.AddDays(-1), null, null, null, null, null, null, null))).Errors["schedule.submissionDue"][0]);

    [Fact]
    public void Validate_OutOfRangeNumbersAndLanguages_AreRefused()
    {
        var errors = Validate(Request(language: "de", experts: 9,
            schedule: new ScheduleRequest(null, 0, null, null, null, null, [0, 400], 999))).Errors;
        Assert.Contains("language", errors.Keys);
        Assert.Contains("expertsPerEvaluation", errors.Keys);
        Assert.Contains("schedule.draftDays", errors.Keys);
        Assert.Contains("schedule.reminderDaysBefore", errors.Keys);
        Assert.Contains("schedule.escalationGraceDays", errors.Keys);
    }

    [Fact]
    public void QuestionnaireItems_AreThePillarsPriorityActionsMinusExclusions_InPlanOrder()
    {
        var catalogue = PlanCatalogue.Current;
        var all = catalogue.QuestionnaireItems(["IS", "RIME", "IC"], []);
        var withoutIc = catalogue.QuestionnaireItems(["IS", "RIME", "IC"], ["IC"]);
        Assert.Equal("IS-1.1", all[0].Action.Id);
        Assert.Equal("IC-2.4", all[^1].Action.Id);
        Assert.Equal(all.Count - catalogue.FindPillar("IC")!.Objectives.Sum(o => o.PriorityActions.Count), withoutIc.Count);
        Assert.DoesNotContain(withoutIc, i => i.Pillar.Id == "IC");
        Assert.Equal(all.Select(i => i.Pillar.Id).Distinct(), ["IS", "RIME", "IC"]);
    }
}
