using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Questionnaires;

namespace MemWorkflow.Core.Tests.Evaluations;

public sealed class ReviewDeciderSpecs
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Start.AddDays(60);
    private static readonly Actor MemUnit = new("p-mem", "Marta");
    private static readonly Recipient Ana = new("p-ana", "Ana", "ana@sre.gob.mx", "es");
    private static readonly Recipient Colombian = new("p-col", "Juan", "juan@minjusticia.gov.co", "es");
    private static readonly Recipient Peruvian = new("p-per", "Rosa", "rosa@devida.gob.pe", "es");
    private static readonly Recipient Chilean = new("p-chl", "Pedro", "pedro@senda.gob.cl", "es");
    private static readonly Recipient Consultant = new("p-con", "Claire", "claire@consult.ca", "en");
    private static readonly Recipient Marta = new("p-mem", "Marta", "marta@oas.org", "en");

    private static Spec<EvaluationState, EvaluationCommand, EvaluationEvent> Spec() => new(EvaluationDecider.Decide, EvaluationDecider.Evolve);

    private static readonly EvaluationEvent Issued = new QuestionnaireIssued("MEX", ["IS-1.1"], Due, [Ana], Start);
    private static readonly EvaluationEvent Answered = new AnswerSaved("IS-1.1", AnswerStatus.NotImplemented, 10, [], 1, "p-ana", Start);
    private static readonly EvaluationEvent Submitted = new QuestionnaireSubmitted(false, Due, 1, 0, [Ana], [Marta], Start.AddDays(20));

    [Fact]
    public void AssignReviewers_BeforeTheSubmission_RecordsThemAndTellsThemTheQuestionnaireDate()
    {
        var state = Spec().Given(Issued)
            .When(new AssignReviewers([Colombian, Peruvian], Consultant, 45, Actor.System, Start.AddDays(5)))
            .Then(new ReviewersAssigned([Colombian, Peruvian], Consultant, Due, 45, Start.AddDays(5)));
        Assert.Equal(Stage.Issued, state.Stage);
        Assert.Equal(["p-col", "p-per"], state.Experts);
        Assert.Equal("p-con", state.Consultant);
    }

    [Fact]
    public void AssignReviewers_AfterTheSubmission_StartsTheReviewWithTheDraftDeadline()
    {
        var state = Spec().Given(Issued, Answered, Submitted)
            .When(new AssignReviewers([Colombian, Peruvian], Consultant, 45, Actor.System, Start.AddDays(30)))
            .Then(new ReviewersAssigned([Colombian, Peruvian], Consultant, null, 45, Start.AddDays(30)),
                new ReviewStarted(Start.AddDays(75), [Colombian, Peruvian], Start.AddDays(30)));
        Assert.Equal(Stage.InReview, state.Stage);
        Assert.Equal(Owner.Geg, state.Owner);
        Assert.Equal(Start.AddDays(75), state.Due);
    }

    [Fact]
    public void Submit_WhenAlreadyAssigned_StartsTheReviewAtOnce()
    {
        var state = Spec().Given(Issued, Answered, new ReviewersAssigned([Colombian, Peruvian], Consultant, Due, 45, Start.AddDays(5)))
            .When(new SubmitQuestionnaire([Ana], [Marta], [Colombian, Peruvian], 45, new Actor("p-ana", "Ana"), Start.AddDays(20)))
            .Then(Submitted, new ReviewStarted(Start.AddDays(65), [Colombian, Peruvian], Start.AddDays(20)));
        Assert.Equal(Stage.InReview, state.Stage);
    }

    [Fact]
    public void AssignReviewers_Twice_ChangesNothing() =>
        Spec().Given(Issued, new ReviewersAssigned([Colombian, Peruvian], Consultant, Due, 45, Start.AddDays(5)))
            .When(new AssignReviewers([Chilean, Peruvian], Consultant, 45, Actor.System, Start.AddDays(6))).ThenNothing();

    [Fact]
    public void ReplaceReviewer_SwapsOneExpert_TellsTheReplacementAndTheMemUnit()
    {
        var state = Spec().Given(Issued, Answered, Submitted, new ReviewersAssigned([Colombian, Peruvian], Consultant, null, 45, Start.AddDays(30)),
                new ReviewStarted(Start.AddDays(75), [Colombian, Peruvian], Start.AddDays(30)))
            .When(new ReplaceReviewer("p-col", Chilean, "Conflict of interest", [Marta], MemUnit, Start.AddDays(31)))
            .Then(new ReviewerReplaced("p-col", Chilean, "Conflict of interest", [Marta], Stage.InReview, Start.AddDays(75), Start.AddDays(31)));
        Assert.Equal(["p-chl", "p-per"], state.Experts);
    }

    [Fact]
    public void ReplaceReviewer_OfAWithdrawnEvaluation_IsRefused_ItsSeatsAreItsRecord() =>
        Spec().Given(Issued, Answered, Submitted, new ReviewersAssigned([Colombian, Peruvian], Consultant, null, 45, Start.AddDays(30)),
                new ReviewStarted(Start.AddDays(75), [Colombian, Peruvian], Start.AddDays(30)), new EvaluationWithdrawn("MEX", Stage.InReview, "Cancelled", [], Start.AddDays(40)))
            .When(new ReplaceReviewer("p-col", Chilean, "Conflict of interest", [Marta], MemUnit, Start.AddDays(41)))
            .ThenRefused(RejectionKind.Conflict, "withdrawn: its experts are part of its record");

    [Fact]
    public void ReplaceReviewer_OfSomeoneNotAssigned_IsNotFound() =>
        Spec().Given(Issued, new ReviewersAssigned([Colombian, Peruvian], Consultant, Due, 45, Start.AddDays(5)))
            .When(new ReplaceReviewer("p-xyz", Chilean, "x", [Marta], MemUnit, Start)).ThenRefused(RejectionKind.NotFound, "not assigned");

    /// <summary>Rights are decided with the command, on the evaluation as it stands when it is decided:
    /// an expert replaced (or a consultant not assigned) since the request was authorised is refused.</summary>
    [Fact]
    public void AReplacedExpert_CanNoLongerSaveOrSubmit_AndOnlyTheAssignedConsultantGivesFeedback()
    {
        var inReview = new EvaluationEvent[]
        {
            Issued, Answered, new ReviewersAssigned([Colombian, Peruvian], Consultant, Due, 45, Start.AddDays(5)), Submitted,
            new ReviewStarted(Start.AddDays(65), [Colombian, Peruvian], Start.AddDays(20)),
        };
        var replaced = inReview.Append(new ReviewerReplaced("p-col", Chilean, "Cannot serve.", [Marta], Stage.InReview, Start.AddDays(65), Start.AddDays(21))).ToArray();
        var juan = new Actor("p-col", "Juan");

        Spec().Given(inReview).When(new SaveSummary("IS-1", 120, 1, null, juan, Start.AddDays(22)))
            .Then(new SummarySaved("IS-1", 120, 1, 1, "p-col", Start.AddDays(22)));
        Spec().Given(replaced).When(new SaveSummary("IS-1", 120, 1, null, juan, Start.AddDays(22)))
            .ThenRefused(RejectionKind.Forbidden, "no longer among the GEG experts");
        Spec().Given(replaced).When(new SubmitDraft(new ReviewDays(15, 15, 21, 14), [Consultant], juan, Start.AddDays(22)))
            .ThenRefused(RejectionKind.Forbidden, "no longer among the GEG experts");

        var inConsultantReview = inReview.Append(new SummarySaved("IS-1", 120, 1, 1, "p-col", Start.AddDays(22)))
            .Append(new DraftSubmitted(1, Stage.ConsultantReview, Start.AddDays(37), [Consultant], Start.AddDays(22))).ToArray();
        Spec().Given(inConsultantReview).When(new GiveFeedback(MemWorkflow.Contracts.Evaluations.FeedbackDecision.Approve, [], false, new ReviewDays(15, 15, 21, 14), [], [], [Marta],
                new Actor("p-other-consultant", "Someone"), Start.AddDays(23)))
            .ThenRefused(RejectionKind.Forbidden, "no longer the technical consultant");
    }

    /// <summary>An expert's own decline is decided on the evaluation with its stage: while the draft is the
    /// experts' it is recorded (once), and once the draft went to the consultant it is refused, whichever
    /// of the two reached the evaluation first.</summary>
    [Fact]
    public void AnExpertStepsAside_OnlyWhileTheDraftIsTheExperts_AndOnce()
    {
        var inReview = new EvaluationEvent[]
        {
            Issued, Answered, new ReviewersAssigned([Colombian, Peruvian], Consultant, Due, 45, Start.AddDays(5)), Submitted,
            new ReviewStarted(Start.AddDays(65), [Colombian, Peruvian], Start.AddDays(20)),
        };
        var juan = new Actor("p-col", "Juan");
        var state = Spec().Given(inReview).When(new StepAside("p-col", "Conflict of interest.", juan, Start.AddDays(21)))
            .Then(new ExpertSteppedAside("p-col", "Conflict of interest.", Start.AddDays(21)));
        Assert.Equal(["p-col"], state.SteppedAside);
        Spec().Given([.. inReview, new ExpertSteppedAside("p-col", "Conflict of interest.", Start.AddDays(21))])
            .When(new StepAside("p-col", "Again.", juan, Start.AddDays(22))).ThenNothing();
        Spec().Given(inReview).When(new StepAside("p-chl", "Not mine.", new Actor("p-chl", "Pedro"), Start.AddDays(21)))
            .ThenRefused(RejectionKind.NotFound, "not assigned");

        var submitted = inReview.Append(new SummarySaved("IS-1", 120, 1, 1, "p-per", Start.AddDays(22)))
            .Append(new DraftSubmitted(1, Stage.ConsultantReview, Start.AddDays(37), [Consultant], Start.AddDays(22))).ToArray();
        Spec().Given(submitted).When(new StepAside("p-col", "Too late.", juan, Start.AddDays(23)))
            .ThenRefused(RejectionKind.Conflict, "can no longer decline");
        var revising = submitted.Append(new ChangesRequested(1, [new MemWorkflow.Contracts.Evaluations.ReviewComment("IS-1", "More.")], Start.AddDays(40), [Colombian, Peruvian], Start.AddDays(24))).ToArray();
        Spec().Given(revising).When(new StepAside("p-col", "Still too late.", juan, Start.AddDays(25)))
            .ThenRefused(RejectionKind.Conflict, "can no longer decline");
    }
}
