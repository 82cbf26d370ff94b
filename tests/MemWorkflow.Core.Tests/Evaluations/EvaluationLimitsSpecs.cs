using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Questionnaires;

namespace MemWorkflow.Core.Tests.Evaluations;

/// <summary>The decider's caps: values are refused long before a storage limit, measured as stored.</summary>
public sealed class EvaluationLimitsSpecs
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Ana = new("p-ana", "Ana");
    private static readonly Recipient Marta = new("p-mem", "Marta", "marta@oas.org", "en");

    private static EvaluationState Issued() =>
        EvaluationDecider.Evolve(null, new QuestionnaireIssued("MEX", ["IS-1.1"], Now.AddDays(90), [], Now));

    [Theory]
    [InlineData("abc", 6)]
    [InlineData("ñandú", 10)]
    [InlineData("\"\\", 8)]
    [InlineData("\n\t", 8)]
    [InlineData("\u0001", 12)]
    [InlineData("😀", 24)]
    [InlineData("\uE000\u2028", 24)]
    public void StoredBytes_CountTheJsonEscapes_InUtf16(string text, long bytes) =>
        Assert.Equal(bytes, EvaluationLimits.StoredBytes(text));

    [Fact]
    public void EveryEvent_CountsTowardsTheHistory()
    {
        var state = EvaluationDecider.Evolve(Issued(), new AnswerSaved("IS-1.1", AnswerStatus.NotImplemented, 3, [], 1, "p-ana", Now));
        Assert.Equal(2, state.Events);
    }

    [Fact]
    public void AFullHistory_RefusesAutosavesAndUploads_ButNotTheProcess()
    {
        var full = Issued() with { Events = EvaluationLimits.MaxEvents };
        var save = EvaluationDecider.Decide(new SaveAnswer("IS-1.1", AnswerStatus.NotImplemented, 3, [], null, Ana, Now), full);
        Assert.Equal(RejectionKind.Conflict, Assert.IsType<Decision<EvaluationEvent>.Rejected>(save).Rejection.Kind);
        Assert.IsType<Decision<EvaluationEvent>.Rejected>(EvaluationDecider.Decide(new ReserveDocument("d-1", "a.pdf", "application/pdf", 10, Ana, Now), full));
        Assert.IsType<Decision<EvaluationEvent>.Accepted>(EvaluationDecider.Decide(new ExtendDeadline(Now.AddDays(100), "More time.", [], Ana, Now), full));
        Assert.IsType<Decision<EvaluationEvent>.Accepted>(EvaluationDecider.Decide(new WithdrawEvaluation("MEX", "Withdrawn.", [], Ana, Now), full));
        var almost = full with { Events = EvaluationLimits.MaxEvents - 1 };
        Assert.IsType<Decision<EvaluationEvent>.Accepted>(EvaluationDecider.Decide(new SaveAnswer("IS-1.1", AnswerStatus.NotImplemented, 3, [], null, Ana, Now), almost));
    }

    [Fact]
    public void PastTheDocumentCap_AReservationIsRefused()
    {
        var documents = Enumerable.Range(0, EvaluationLimits.MaxDocuments).ToDictionary(i => $"d-{i}",
            i => new MeansOfVerification($"d-{i}", "a.pdf", DocumentStatus.Rejected, "application/pdf", 1, "p-ana", Now));
        var full = Issued() with { Documents = documents };
        var refused = Assert.IsType<Decision<EvaluationEvent>.Rejected>(EvaluationDecider.Decide(new ReserveDocument("d-new", "b.pdf", "application/pdf", 10, Ana, Now), full));
        Assert.Contains("1,000 documents", refused.Rejection.Detail);
    }

    [Fact]
    public void AReason_IsMeasuredAsStored_NotInCharacters()
    {
        var state = Issued();
        var fits = new string('a', EvaluationLimits.MaxTextBytes / 2);
        Assert.IsType<Decision<EvaluationEvent>.Accepted>(EvaluationDecider.Decide(new ExtendDeadline(Now.AddDays(100), fits, [Marta], Ana, Now), state));
        var quotes = new string('"', EvaluationLimits.MaxTextBytes / 2);
        var refused = Assert.IsType<Decision<EvaluationEvent>.Rejected>(EvaluationDecider.Decide(new ExtendDeadline(Now.AddDays(100), quotes, [Marta], Ana, Now), state));
        Assert.Equal(RejectionKind.TooLarge, refused.Rejection.Kind);
        Assert.Contains("reason", refused.Rejection.Errors!.Keys);
    }

    [Fact]
    public void PastTheDocumentsShare_AReservationIsRefusedAsTooLarge_ButTheWorkflowStillExpiresThem()
    {
        var name = new string('n', 200);
        var state = Issued();
        var reserved = 0;
        Decision<EvaluationEvent> decision;
        while ((decision = EvaluationDecider.Decide(new ReserveDocument($"d-{reserved:x12}", name, "application/pdf", 10, Ana, Now), state))
            is Decision<EvaluationEvent>.Accepted accepted)
        {
            state = accepted.Events.Aggregate(state, EvaluationDecider.Evolve);
            reserved++;
        }
        Assert.Equal(RejectionKind.TooLarge, Assert.IsType<Decision<EvaluationEvent>.Rejected>(decision).Rejection.Kind);
        Assert.True(EvaluationBudget.DocumentsBytes(state) <= EvaluationBudget.MaxDocumentsBytes);
        var expire = EvaluationDecider.Decide(new RejectDocument("d-000000000000", "Abandoned.", Actor.System, Now), state);
        Assert.Single(Assert.IsType<Decision<EvaluationEvent>.Accepted>(expire).Events);
    }

    [Fact]
    public void AnswersOverTheirShare_MayStillShrink_ButNotGrow()
    {
        var documents = Enumerable.Range(0, 100).ToDictionary(i => $"d-{i:x12}",
            i => new MeansOfVerification($"d-{i:x12}", "a.pdf", DocumentStatus.Completed, "application/pdf", 1, "p-ana", Now));
        var ids = documents.Keys.ToList();
        var answers = Enumerable.Range(0, 60).ToDictionary(i => $"IS-{i}.1", _ => new AnswerSummary(AnswerStatus.Implemented, 1, ids, 1, "p-ana", Now));
        var over = Issued() with { Documents = documents, Answers = answers, PriorityActionIds = [.. answers.Keys] };
        Assert.True(EvaluationBudget.AnswersBytes(over) > EvaluationBudget.MaxAnswersBytes);

        var grow = EvaluationDecider.Decide(new SaveAnswer("IS-0.1", AnswerStatus.Implemented, 1, [.. ids, "d-000000000000"], 1, Ana, Now), over with
        {
            Answers = new Dictionary<string, AnswerSummary>(answers) { ["IS-0.1"] = answers["IS-0.1"] with { DocumentIds = ids[..50] } },
        });
        Assert.Equal(RejectionKind.TooLarge, Assert.IsType<Decision<EvaluationEvent>.Rejected>(grow).Rejection.Kind);
        var shrink = EvaluationDecider.Decide(new SaveAnswer("IS-0.1", AnswerStatus.Implemented, 1, ids[..1], 1, Ana, Now), over);
        Assert.IsType<Decision<EvaluationEvent>.Accepted>(shrink);
    }
}
