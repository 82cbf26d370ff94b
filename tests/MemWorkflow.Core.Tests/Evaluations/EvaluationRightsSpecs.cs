using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Tests.Evaluations;

/// <summary>Given who asks and the evaluation as it stands, when they ask for a right, then it is granted, or
/// refused with the refusal the API answers (404 when they may not know the evaluation exists, 403 when their
/// role never may, 409 when not yet).</summary>
public sealed class EvaluationRightsSpecs
{
    private const string RoundId = "r2027-00000001";
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Asker MemUnit = new("p-mem", Role.MemUnit, null);
    private static readonly Asker NceOfMexico = new("p-nce-mex", Role.Nce, "MEX");
    private static readonly Asker NceOfColombia = new("p-nce-col", Role.Nce, "COL");
    private static readonly Asker AssignedExpert = new("p-col", Role.Geg, "COL");
    private static readonly Asker OtherExpert = new("p-arg", Role.Geg, "ARG");
    private static readonly Asker MexicanExpert = new("p-mex", Role.Geg, "MEX");
    private static readonly Asker AssignedConsultant = new("p-can", Role.Consultant, null);
    private static readonly Asker OtherConsultant = new("p-usa", Role.Consultant, null);

    private static readonly EvaluationState Submitted = new EvaluationState("MEX", Stage.InReview, Start.AddDays(60), Start, ["IS-1.1"], Start, [])
        with { SubmittedAt = Start.AddDays(30), Experts = ["p-col", "p-per"], Consultant = "p-can" };

    private static RejectionKind? Decide(Asker asker, EvaluationRight right, EvaluationState? evaluation = null) =>
        EvaluationRights.Decide(asker, right, RoundId, "MEX", evaluation ?? Submitted)?.Kind;

    [Theory]
    [InlineData(EvaluationRight.Read)]
    [InlineData(EvaluationRight.Answer)]
    [InlineData(EvaluationRight.Upload)]
    [InlineData(EvaluationRight.Comment)]
    [InlineData(EvaluationRight.Submission)]
    public void TheStatesOwnNce_MayDoWhatTheCountryDoes(EvaluationRight right) => Assert.Null(Decide(NceOfMexico, right));

    [Theory]
    [InlineData(EvaluationRight.Read)]
    [InlineData(EvaluationRight.Answer)]
    [InlineData(EvaluationRight.Draft)]
    [InlineData(EvaluationRight.Feedback)]
    public void AnotherStatesNce_IsToldTheEvaluationDoesNotExist(EvaluationRight right)
    {
        Assert.Equal(RejectionKind.NotFound, Decide(NceOfColombia, right));
        Assert.Equal(RejectionKind.NotFound, EvaluationRights.ByRole(NceOfColombia, right, RoundId, "MEX")?.Kind);
    }

    [Theory]
    [InlineData(EvaluationRight.Answer)]
    [InlineData(EvaluationRight.Upload)]
    [InlineData(EvaluationRight.Comment)]
    public void TheMemUnit_NeitherAnswersNorUploadsNorComments_ForACountry(EvaluationRight right) =>
        Assert.Equal(RejectionKind.Forbidden, EvaluationRights.ByRole(MemUnit, right, RoundId, "MEX")?.Kind);

    [Fact]
    public void AnExpert_IsRefusedByRoleAlone_BeforeAnythingIsRead_AndAnExpertOfTheEvaluatedState_IsToldItDoesNotExist()
    {
        Assert.Equal(RejectionKind.Forbidden, EvaluationRights.ByRole(AssignedExpert, EvaluationRight.Read, RoundId, "MEX")?.Kind);
        Assert.Equal(RejectionKind.NotFound, EvaluationRights.ByRole(MexicanExpert, EvaluationRight.Submission, RoundId, "MEX")?.Kind);
        Assert.Equal(RejectionKind.NotFound, EvaluationRights.ByRole(MexicanExpert, EvaluationRight.Draft, RoundId, "MEX")?.Kind);
    }

    [Fact]
    public void TheAssignedExpertsAndConsultant_ReadTheSubmission_OthersAreToldItDoesNotExist()
    {
        Assert.Null(Decide(AssignedExpert, EvaluationRight.Submission));
        Assert.Null(Decide(AssignedConsultant, EvaluationRight.Submission));
        Assert.Equal(RejectionKind.NotFound, Decide(OtherExpert, EvaluationRight.Submission));
        Assert.Equal(RejectionKind.NotFound, Decide(OtherConsultant, EvaluationRight.Submission));
    }

    [Fact]
    public void BeforeTheCountrySubmits_ItsReviewersAreToldNotYet_AndTheMemUnitReadsOn()
    {
        var issued = Submitted with { Stage = Stage.Issued, SubmittedAt = null };
        var refusal = EvaluationRights.Decide(AssignedExpert, EvaluationRight.Submission, RoundId, "MEX", issued);
        Assert.Equal(RejectionKind.NotYet, refusal?.Kind);
        Assert.Equal("Not submitted yet", refusal?.Title);
        Assert.Null(Decide(MemUnit, EvaluationRight.Submission, issued));
    }

    [Fact]
    public void OnlyTheAssignedExperts_Draft_AndOnlyTheAssignedConsultant_GivesFeedback()
    {
        Assert.Null(Decide(AssignedExpert, EvaluationRight.Draft));
        Assert.Equal(RejectionKind.Forbidden, Decide(OtherExpert, EvaluationRight.Draft));
        Assert.Equal(RejectionKind.Forbidden, Decide(AssignedConsultant, EvaluationRight.Draft));
        Assert.Null(Decide(AssignedConsultant, EvaluationRight.Feedback));
        Assert.Equal(RejectionKind.Forbidden, Decide(OtherConsultant, EvaluationRight.Feedback));
        Assert.Equal(RejectionKind.Forbidden, Decide(AssignedExpert, EvaluationRight.Feedback));
        Assert.Equal(RejectionKind.Forbidden, Decide(NceOfMexico, EvaluationRight.Draft));
    }

    [Fact]
    public void AnEvaluationThatDoesNotExist_IsNotFound_ForThoseWhomTheRoleAllows() =>
        Assert.Equal(RejectionKind.NotFound, EvaluationRights.Decide(MemUnit, EvaluationRight.Read, RoundId, "MEX", null)?.Kind);

    [Fact]
    public void TheCountryReadsTheDraft_FromItsCountryReview_NotBefore()
    {
        Assert.Equal(RejectionKind.NotYet, EvaluationRights.ReadDraft(NceOfMexico, Submitted)?.Kind);
        Assert.Null(EvaluationRights.ReadDraft(NceOfMexico, Submitted with { Stage = Stage.CountryReview }));
        Assert.Null(EvaluationRights.ReadDraft(NceOfMexico, Submitted with { Stage = Stage.Published }));
        Assert.Null(EvaluationRights.ReadDraft(AssignedExpert, Submitted));
    }

    private static readonly RoundSettings Settings = new("R8-2023", [new RoundCountry("MEX", [])],
        new EvaluationPeriod(2019, 2023), "es", new RoundSchedule(Start.AddDays(60), 45, 14, 21, 21, 30, [14, 7, 1], 7), 2, true);

    private static RoundState Round(params RoundEvent[] events) =>
        events.Aggregate(RoundDecider.Evolve(null, new RoundStarted(RoundId, Settings, Start)), RoundDecider.Evolve);

    private static readonly RoundState Assigned = Round(new AssignmentCommitted("a-1", [new EvaluationAssignment("MEX", ["p-col", "p-per"], "p-can")], Start));

    [Fact]
    public void TheExpertConcerned_OrTheMemUnit_DeclinesASeat_NobodyElse()
    {
        Assert.Null(EvaluationRights.Decline(AssignedExpert, "p-col", "MEX", Assigned, Submitted));
        Assert.Null(EvaluationRights.Decline(MemUnit, "p-col", "MEX", Assigned, Submitted));
        Assert.Equal(RejectionKind.Forbidden, EvaluationRights.Decline(OtherExpert, "p-col", "MEX", Assigned, Submitted)?.Kind);
        Assert.Equal(RejectionKind.Forbidden, EvaluationRights.DeclineByRole(AssignedConsultant, "p-col")?.Kind);
        Assert.Equal(RejectionKind.NotFound, EvaluationRights.Decline(MemUnit, "p-arg", "MEX", Assigned, Submitted)?.Kind);
    }

    [Fact]
    public void OnceTheDraftHasGoneToTheConsultant_AnExpertNoLongerStepsAside_ButTheMemUnitStillReplacesThem()
    {
        var withConsultant = Submitted with { Stage = Stage.ConsultantReview };
        Assert.Equal(RejectionKind.Conflict, EvaluationRights.Decline(AssignedExpert, "p-col", "MEX", Assigned, withConsultant)?.Kind);
        Assert.Null(EvaluationRights.Decline(MemUnit, "p-col", "MEX", Assigned, withConsultant));
        Assert.Equal(RejectionKind.Conflict, EvaluationRights.Decline(MemUnit, "p-col", "MEX", Assigned, Submitted with { Stage = Stage.Published })?.Kind);
    }
}
