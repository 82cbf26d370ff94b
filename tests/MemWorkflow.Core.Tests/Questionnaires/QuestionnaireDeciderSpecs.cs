using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Questionnaires;

namespace MemWorkflow.Core.Tests.Questionnaires;

public sealed class QuestionnaireDeciderSpecs
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Start.AddDays(60);
    private static readonly Actor Ana = new("p-ana", "Ana Gómez");
    private static readonly Recipient AnaMail = new("p-ana", "Ana Gómez", "ana@sre.gob.mx", "es");
    private static readonly Recipient Marta = new("p-mem", "Marta", "marta@oas.org", "en");

    private static Spec<EvaluationState, EvaluationCommand, EvaluationEvent> Spec() => new(EvaluationDecider.Decide, EvaluationDecider.Evolve);

    private static readonly EvaluationEvent Issued = new QuestionnaireIssued("MEX", ["IS-1.1", "IS-1.2", "IS-1.3"], Due, [AnaMail], Start);
    private static readonly EvaluationEvent Reserved = new DocumentReserved("d-1", "ley.pdf", "application/pdf", 1000, "p-ana", Start.AddDays(1));
    private static readonly EvaluationEvent Completed = new DocumentCompleted("d-1", "application/pdf", 1000, "ab12", Start.AddDays(1));

    private static EvaluationEvent Saved(string id, AnswerStatus? status, int version = 1, int text = 100, params string[] documents) =>
        new AnswerSaved(id, status, text, documents, version, "p-ana", Start.AddDays(2));

    [Fact]
    public void SaveAnswer_First_IsVersionOne()
    {
        var state = Spec().Given(Issued, Reserved)
            .When(new SaveAnswer("IS-1.1", AnswerStatus.Implemented, 250, ["d-1", "d-1"], null, Ana, Start.AddDays(2)))
            .Then(new AnswerSaved("IS-1.1", AnswerStatus.Implemented, 250, ["d-1"], 1, "p-ana", Start.AddDays(2)));
        Assert.Equal(1, state.Answers["IS-1.1"].Version);
        Assert.Equal("p-ana", state.Answers["IS-1.1"].SavedBy);
    }

    [Fact]
    public void SaveAnswer_OverTheVersionItWasEditedFrom_IsTheNextVersion() =>
        Spec().Given(Issued, Saved("IS-1.1", AnswerStatus.NotImplemented))
            .When(new SaveAnswer("IS-1.1", AnswerStatus.NotImplemented, 300, [], 1, Ana, Start.AddDays(3)))
            .Then(new AnswerSaved("IS-1.1", AnswerStatus.NotImplemented, 300, [], 2, "p-ana", Start.AddDays(3)));

    [Fact]
    public void SaveAnswer_FromAStaleVersion_IsAPreconditionFailure() =>
        Spec().Given(Issued, Saved("IS-1.1", AnswerStatus.NotImplemented), Saved("IS-1.1", AnswerStatus.NotImplemented, version: 2))
            .When(new SaveAnswer("IS-1.1", AnswerStatus.Implemented, 300, [], 1, Ana, Start.AddDays(3)))
            .ThenRefused(RejectionKind.PreconditionFailed, "is at version 2");

    [Fact]
    public void SaveAnswer_WithoutIfMatch_OverAnExistingAnswer_IsAPreconditionFailure() =>
        Spec().Given(Issued, Saved("IS-1.1", AnswerStatus.NotImplemented))
            .When(new SaveAnswer("IS-1.1", AnswerStatus.Implemented, 300, [], null, Ana, Start.AddDays(3)))
            .ThenRefused(RejectionKind.PreconditionFailed, "If-Match: \"1\"");

    [Fact]
    public void SaveAnswer_ForAPriorityActionOutsideTheQuestionnaire_IsNotFound() =>
        Spec().Given(Issued).When(new SaveAnswer("DR-1.1", AnswerStatus.Implemented, 1, [], null, Ana, Start))
            .ThenRefused(RejectionKind.NotFound, "not part of the questionnaire of MEX");

    [Fact]
    public void SaveAnswer_LinkingADocumentOfAnotherEvaluation_IsInvalid()
    {
        var rejection = Spec().Given(Issued).When(new SaveAnswer("IS-1.1", AnswerStatus.Implemented, 1, ["d-col"], null, Ana, Start))
            .ThenRefused(RejectionKind.Invalid, "d-col is not a means of verification of the evaluation of MEX");
        Assert.NotNull(rejection.Errors!["documentIds"]);
    }

    [Fact]
    public void SaveAnswer_LinkingARejectedDocument_IsInvalid() =>
        Spec().Given(Issued, Reserved, new DocumentRejected("d-1", "The file is a Windows executable.", Start))
            .When(new SaveAnswer("IS-1.1", AnswerStatus.Implemented, 1, ["d-1"], null, Ana, Start))
            .ThenRefused(RejectionKind.Invalid, "failed verification");

    [Fact]
    public void ReserveThenComplete_RecordsTheServersHashAndType()
    {
        var spec = Spec().Given(Issued);
        spec.When(new ReserveDocument("d-1", "ley.pdf", "application/pdf", 1000, Ana, Start.AddDays(1))).Then(Reserved);
        var state = spec.When(new CompleteDocument("d-1", "application/pdf", 1000, "ab12", Ana, Start.AddDays(1))).Then(Completed);
        var document = state.Documents["d-1"];
        Assert.Equal(DocumentStatus.Completed, document.Status);
        Assert.Equal("ab12", document.Sha256);
        Assert.Equal("p-ana", document.UploadedBy);
        spec.When(new CompleteDocument("d-1", "application/pdf", 1000, "ab12", Ana, Start.AddDays(2))).ThenNothing();
    }

    [Fact]
    public void CompleteDocument_AfterItWasRejected_IsAConflict() =>
        Spec().Given(Issued, Reserved, new DocumentRejected("d-1", "too large", Start))
            .When(new CompleteDocument("d-1", "application/pdf", 1, "x", Ana, Start)).ThenRefused(RejectionKind.Conflict, "failed verification");

    [Fact]
    public void Submit_WithGaps_ListsEveryIncompleteItemAndWhatItLacks()
    {
        var reservedOnly = new DocumentReserved("d-2", "draft.docx", "application/octet-stream", 10, "p-ana", Start);
        var rejection = Spec()
            .Given(Issued, Reserved, reservedOnly, Saved("IS-1.1", AnswerStatus.Implemented), Saved("IS-1.2", AnswerStatus.PartiallyImplemented, documents: "d-2"),
                Saved("IS-1.3", AnswerStatus.NotApplicable, text: 0))
            .When(new SubmitQuestionnaire([AnaMail], [Marta], [], 45, Ana, Start.AddDays(10)))
            .ThenRefused(RejectionKind.Invalid, "3 of 3 priority actions are incomplete");
        Assert.Equal(["IS-1.1", "IS-1.2", "IS-1.3"], rejection.Errors!.Keys);
        Assert.Contains("Marked implemented without a means of verification", rejection.Errors["IS-1.1"][0]);
        Assert.Contains("none of its linked documents has finished uploading", rejection.Errors["IS-1.2"][0]);
        Assert.Contains("not applicable without a justification", rejection.Errors["IS-1.3"][0]);
    }

    [Fact]
    public void Submit_WithAnUnansweredItem_SaysNoAnswer() =>
        Assert.Equal(["No answer."], Spec().Given(Issued, Reserved, Completed, Saved("IS-1.1", AnswerStatus.Implemented, documents: "d-1"),
                Saved("IS-1.2", AnswerStatus.NotImplemented))
            .When(new SubmitQuestionnaire([AnaMail], [Marta], [], 45, Ana, Start.AddDays(10)))
            .ThenRefused(RejectionKind.Invalid, "1 of 3").Errors!["IS-1.3"]);

    [Fact]
    public void ANarrativeSavedBeforeItsStatus_IsKept_ButTheSubmissionAsksForTheStatus()
    {
        Spec().Given(Issued).When(new SaveAnswer("IS-1.1", null, 120, [], null, Ana, Start.AddDays(2)))
            .Then(new AnswerSaved("IS-1.1", null, 120, [], 1, Ana.Id, Start.AddDays(2)));
        Assert.Equal(["No status chosen: mark it implemented, partially implemented, not implemented or not applicable."],
            Spec().Given(Issued, Reserved, Completed, Saved("IS-1.1", AnswerStatus.Implemented, documents: "d-1"), Saved("IS-1.2", null),
                    Saved("IS-1.3", AnswerStatus.NotApplicable, text: 40))
                .When(new SubmitQuestionnaire([AnaMail], [Marta], [], 45, Ana, Start.AddDays(10)))
                .ThenRefused(RejectionKind.Invalid, "1 of 3").Errors!["IS-1.2"]);
    }

    private static Spec<EvaluationState, EvaluationCommand, EvaluationEvent> Complete() => Spec().Given(Issued, Reserved, Completed,
        Saved("IS-1.1", AnswerStatus.Implemented, documents: "d-1"), Saved("IS-1.2", AnswerStatus.NotImplemented),
        Saved("IS-1.3", AnswerStatus.NotApplicable, text: 40));

    [Fact]
    public void Submit_OnTime_FreezesTheQuestionnaireAndStopsTheDeadline()
    {
        var state = Complete().When(new SubmitQuestionnaire([AnaMail], [Marta], [], 45, Ana, Start.AddDays(10)))
            .Then(new QuestionnaireSubmitted(false, Due, 3, 1, [AnaMail], [Marta], Start.AddDays(10)));
        Assert.Equal(Stage.Submitted, state.Stage);
        Assert.Equal(Owner.None, state.Owner);
        Assert.Null(state.Due);
    }

    [Fact]
    public void Submit_AfterTheDueDate_IsAcceptedAndRecordedLate() =>
        Complete().When(new SubmitQuestionnaire([AnaMail], [Marta], [], 45, Ana, Due.AddDays(3)))
            .Then(new QuestionnaireSubmitted(true, Due, 3, 1, [AnaMail], [Marta], Due.AddDays(3)));

    [Fact]
    public void Submit_Again_ChangesNothing()
    {
        var spec = Complete();
        spec.When(new SubmitQuestionnaire([AnaMail], [Marta], [], 45, Ana, Start.AddDays(10))).Then(new QuestionnaireSubmitted(false, Due, 3, 1, [AnaMail], [Marta], Start.AddDays(10)));
        spec.When(new SubmitQuestionnaire([AnaMail], [Marta], [], 45, Ana, Start.AddDays(11))).ThenNothing();
    }

    [Fact]
    public void AfterSubmission_AnswersAndDocumentsAreReadOnly()
    {
        var submitted = new QuestionnaireSubmitted(false, Due, 3, 1, [AnaMail], [Marta], Start.AddDays(10));
        Complete().Given(submitted).When(new SaveAnswer("IS-1.2", AnswerStatus.Implemented, 1, [], 1, Ana, Start.AddDays(11)))
            .ThenRefused(RejectionKind.Conflict, "submitted and is read-only");
        Complete().Given(submitted).When(new ReserveDocument("d-9", "late.pdf", "application/pdf", 10, Ana, Start.AddDays(11)))
            .ThenRefused(RejectionKind.Conflict, "submitted and is read-only");
    }

    [Fact]
    public void Submit_OfAWithdrawnEvaluation_IsAConflict() =>
        Complete().Given(new EvaluationWithdrawn("MEX", Stage.Issued, "cancelled", [], Start.AddDays(5)))
            .When(new SubmitQuestionnaire([AnaMail], [Marta], [], 45, Ana, Start.AddDays(10))).ThenRefused(RejectionKind.Conflict, "withdrawn");
}
