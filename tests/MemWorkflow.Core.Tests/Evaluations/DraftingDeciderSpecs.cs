using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Questionnaires;

namespace MemWorkflow.Core.Tests.Evaluations;

public sealed class DraftingDeciderSpecs
{
    private static readonly DateTimeOffset T = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReviewDays Days = new(14, 21, 21, 30);
    private static readonly Actor Expert = new("p-col", "Juan");
    private static readonly Actor Claire = new("p-con", "Claire");
    private static readonly Recipient Juan = new("p-col", "Juan", "juan@x.org", "es");
    private static readonly Recipient Consultant = new("p-con", "Claire", "claire@x.org", "en");
    private static readonly Recipient Ana = new("p-ana", "Ana", "ana@x.org", "es");
    private static readonly Recipient Marta = new("p-mem", "Marta", "marta@oas.org", "en");

    private static Spec<EvaluationState, EvaluationCommand, EvaluationEvent> InReview() => new Spec<EvaluationState, EvaluationCommand, EvaluationEvent>(
            EvaluationDecider.Decide, EvaluationDecider.Evolve)
        .Given(new QuestionnaireIssued("MEX", ["IS-1.1", "IS-1.2", "IS-2.1"], T.AddDays(-60), [Ana], T.AddDays(-90)),
            new AnswerSaved("IS-1.1", AnswerStatus.NotImplemented, 5, [], 1, "p-ana", T.AddDays(-70)),
            new ReviewersAssigned([Juan], Consultant, null, 45, T.AddDays(-50)),
            new QuestionnaireSubmitted(false, T.AddDays(-60), 3, 0, [Ana], [Marta], T.AddDays(-61)),
            new ReviewStarted(T.AddDays(10), [Juan], T.AddDays(-50)));

    private static readonly EvaluationEvent[] BothSummaries =
        [new SummarySaved("IS-1", 300, 0, 1, "p-col", T), new SummarySaved("IS-2", 200, 1, 1, "p-col", T)];

    [Fact]
    public void SaveSummary_ForAnObjectiveOfTheQuestionnaire_IsVersioned()
    {
        var spec = InReview();
        spec.When(new SaveSummary("IS-1", 300, 0, null, Expert, T)).Then(new SummarySaved("IS-1", 300, 0, 1, "p-col", T));
        spec.When(new SaveSummary("IS-1", 320, 0, null, Expert, T)).ThenRefused(RejectionKind.PreconditionFailed, "version 1");
        spec.When(new SaveSummary("IS-9", 1, 0, null, Expert, T)).ThenRefused(RejectionKind.NotFound, "not evaluated");
    }

    [Fact]
    public void SubmitDraft_WithAnObjectiveMissing_NamesIt() =>
        Assert.Equal(["IS-2"], InReview().Given(BothSummaries[0]).When(new SubmitDraft(Days, [Consultant], Expert, T))
            .ThenRefused(RejectionKind.Invalid, "1 of 2 objectives").Errors!.Keys);

    [Fact]
    public void TheDraft_GoesToTheConsultant_BackForChanges_AndAgain_CountingIterations()
    {
        var spec = InReview().Given(BothSummaries);
        var state = spec.When(new SubmitDraft(Days, [Consultant], Expert, T)).Then(new DraftSubmitted(1, Stage.ConsultantReview, T.AddDays(14), [Consultant], T));
        Assert.Equal(Owner.Consultant, state.Owner);
        spec.When(new SubmitDraft(Days, [Consultant], Expert, T)).ThenNothing();
        var comments = new[] { new ReviewComment("IS-1", "Cite the 2021 law."), new ReviewComment(null, "Use the CICAD voice.") };
        state = spec.When(new GiveFeedback(FeedbackDecision.RequestChanges, comments, true, Days, [Juan], [Ana], [Marta], Claire, T.AddDays(2)))
            .Then(new ChangesRequested(1, comments, T.AddDays(23), [Juan], T.AddDays(2)));
        Assert.Equal(Stage.RevisionRequested, state.Stage);
        state = spec.When(new SubmitDraft(Days, [Consultant], Expert, T.AddDays(5)))
            .Then(new DraftSubmitted(2, Stage.ConsultantReview, T.AddDays(19), [Consultant], T.AddDays(5)));
        Assert.Equal(2, state.Iterations);
    }

    [Fact]
    public void AChangeRequest_WithoutComments_IsRefused() =>
        InReview().Given(BothSummaries).Given(new DraftSubmitted(1, Stage.ConsultantReview, T.AddDays(14), [Consultant], T))
            .When(new GiveFeedback(FeedbackDecision.RequestChanges, [], true, Days, [Juan], [Ana], [Marta], Claire, T))
            .ThenRefused(RejectionKind.Invalid, "at least one comment");

    [Fact]
    public void Approval_ByTheConsultant_OpensTheCountryReview_OrGoesToTheMemUnitWhenTheRoundHasNone()
    {
        var reviewed = InReview().Given(BothSummaries).Given(new DraftSubmitted(1, Stage.ConsultantReview, T.AddDays(14), [Consultant], T));
        reviewed.When(new GiveFeedback(FeedbackDecision.Approve, [], true, Days, [Juan], [Ana], [Marta], Claire, T.AddDays(1)))
            .Then(new DraftApproved(1, Stage.CountryReview, T.AddDays(22), [Ana], T.AddDays(1)));
        InReview().Given(BothSummaries).Given(new DraftSubmitted(1, Stage.ConsultantReview, T.AddDays(14), [Consultant], T))
            .When(new GiveFeedback(FeedbackDecision.Approve, [], false, Days, [Juan], [Ana], [Marta], Claire, T.AddDays(1)))
            .Then(new DraftApproved(1, Stage.AwaitingApproval, T.AddDays(31), [Marta], T.AddDays(1)));
    }

    private static Spec<EvaluationState, EvaluationCommand, EvaluationEvent> InCountryReview() => InReview().Given(BothSummaries)
        .Given(new DraftSubmitted(1, Stage.ConsultantReview, T.AddDays(14), [Consultant], T), new DraftApproved(1, Stage.CountryReview, T.AddDays(22), [Ana], T.AddDays(1)));

    [Fact]
    public void CountryComments_GoToTheExperts_WhoseRevisionThenGoesStraightToApproval()
    {
        var spec = InCountryReview();
        var state = spec.When(new CommentOnDraft("Paragraph 2 omits the 2022 reform.", false, Days, [Juan], [Marta], new Actor("p-ana", "Ana"), T.AddDays(5)))
            .Then(new CountryCommented(false, "Paragraph 2 omits the 2022 reform.", Stage.RevisionRequested, T.AddDays(26), [Juan], T.AddDays(5)));
        Assert.True(state.RevisingAfterCountryReview);
        state = spec.When(new SubmitDraft(Days, [Marta], Expert, T.AddDays(8)))
            .Then(new DraftSubmitted(1, Stage.AwaitingApproval, T.AddDays(38), [Marta], T.AddDays(8)));
        Assert.Equal(Owner.MemUnit, state.Owner);
    }

    [Fact]
    public void ACountryThatDoesNotAnswerByTheDueDate_LetsTheDraftProceed()
    {
        InCountryReview().When(new ConcludeCountryReview(Days, [Marta], Actor.System, T.AddDays(21))).ThenNothing();
        var state = InCountryReview().When(new ConcludeCountryReview(Days, [Marta], Actor.System, T.AddDays(23)))
            .Then(new CountryReviewLapsed(T.AddDays(22), T.AddDays(53), [Marta], T.AddDays(23)));
        Assert.Equal(Stage.AwaitingApproval, state.Stage);
    }

    [Fact]
    public void Publication_NeedsApproval_AndIsRecordedOnce()
    {
        var report = new PublishedReport("r/MEX.md", "r/MEX.html", "ab", 10, 8, T);
        var spec = InCountryReview().Given(new CountryCommented(true, "", Stage.AwaitingApproval, T.AddDays(40), [Marta], T.AddDays(3)));
        spec.When(new PublishReport(report, [], Actor.System, T)).ThenRefused(RejectionKind.Conflict, "only an approved report is published");
        spec.When(new ApproveReport("Plenary of 12 May", Actor.System, T.AddDays(4))).Then(new ReportApproved("Plenary of 12 May", T.AddDays(4)));
        var state = spec.When(new PublishReport(report, [Ana], Actor.System, T.AddDays(5))).Then(new ReportPublished(report, [Ana], T.AddDays(5)));
        Assert.Equal(Stage.Published, state.Stage);
        spec.When(new PublishReport(report, [Ana], Actor.System, T.AddDays(6))).ThenNothing();
        spec.When(new SaveSummary("IS-1", 1, 0, 1, Expert, T.AddDays(7))).ThenRefused(RejectionKind.Conflict, "Published");
    }
}
