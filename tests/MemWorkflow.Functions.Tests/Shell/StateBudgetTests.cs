using Azure.Data.Tables;
using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Shell;

/// <summary>The budget of <see cref="EvaluationBudget"/>, measured as the event store writes the state row.</summary>
public sealed class StateBudgetTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Person = "p-" + new string('f', 38);
    private static readonly string Escaped = string.Concat(Enumerable.Repeat("😀", 98)) + ".pdf";
    private static readonly string Type = "x/" + new string('\uE000', 253);
    private static readonly string LongestReason = $"The file starts as text but is not text throughout (binary data at byte {long.MaxValue:N0}). Accepted are {DocumentRules.AcceptedKinds}.";

    [Fact]
    public void TheWorstStateUsersCanReach_PlusAllTheProcessAdds_FitsInOneEntity_WithHeadroom()
    {
        var priorityActions = PlanCatalogue.Current.Plan.Pillars.SelectMany(p => p.Objectives).SelectMany(o => o.PriorityActions).Select(a => a.Id).ToList();
        var objectives = PlanCatalogue.Current.Plan.Pillars.SelectMany(p => p.Objectives).Select(o => o.Id).ToList();

        // Users: documents and answers, each up to its share as the decider counts it.
        var documents = new Dictionary<string, MeansOfVerification>();
        for (long i = 0, total = 0; ; i++)
        {
            var id = $"d-{i:x12}";
            total += EvaluationBudget.DocumentBytes(id, Escaped, Type, Person);
            if (total > EvaluationBudget.MaxDocumentsBytes)
                break;
            documents[id] = Worst(id);
        }
        var answers = new Dictionary<string, AnswerSummary>();
        var references = documents.Keys.Take(100).ToList();
        long answersBytes = 0;
        foreach (var id in priorityActions)
        {
            var ids = references.Take(100).ToList();
            while (ids.Count > 0 && answersBytes + EvaluationBudget.AnswerBytes(id, Person, ids) > EvaluationBudget.MaxAnswersBytes)
                ids.RemoveAt(ids.Count - 1);
            answers[id] = new AnswerSummary(AnswerStatus.PartiallyImplemented, 100_000, ids, int.MaxValue, Person, Now);
            answersBytes += EvaluationBudget.AnswerBytes(id, Person, ids);
        }

        // The process: everything it records, at its largest.
        var state = new EvaluationState("MEX", Stage.Published, Now, Now, priorityActions, Now,
            [.. Enumerable.Range(1, 60).Select(d => new Milestone(MilestoneKind.Reminder, d))])
        {
            Documents = documents, Answers = answers, SubmittedAt = Now, SubmittedLate = true,
            Experts = [.. Enumerable.Range(0, 10).Select(i => Person + i)], Consultant = Person, SteppedAside = [.. Enumerable.Range(0, 10).Select(i => Person + i)],
            Draft = objectives.ToDictionary(o => o, _ => new DraftSummary(int.MaxValue, int.MaxValue, int.MaxValue, Person, Now)),
            Iterations = int.MaxValue, RevisingAfterCountryReview = true, Events = int.MaxValue,
            Report = new PublishedReport(new string('r', 400), new string('r', 400), new string('0', 64), long.MaxValue, long.MaxValue, Now),
        };

        var row = new TableEntity("r2027-" + new string('0', 40), RowKeys.State("MEX"))
        {
            ["Stream"] = "MEX", ["Kind"] = "evaluation", ["Version"] = int.MaxValue, ["UpdatedAt"] = Now,
        };
        StateChunks.Write(row, StoredJson.Serialize(state));
        var bytes = TableLimits.EnsureWithin(row);
        var documentBytes = documents.Values.Sum(d => (long)StoredJson.Serialize(d).Length * 2 + 2 * (d.Id.Length + 4));
        output.WriteLine($"{documents.Count} worst documents, {answers.Values.Sum(a => a.DocumentIds.Count)} references: the state row measures {bytes:N0} bytes " +
            $"of {TableLimits.MaxEntityBytes:N0}; documents {documentBytes:N0} of their {EvaluationBudget.MaxDocumentsBytes:N0}");
        Assert.True(bytes <= TableLimits.MaxEntityBytes - 128 * 1024, $"The worst state row measures {bytes:N0} bytes.");
        Assert.True(documentBytes <= EvaluationBudget.MaxDocumentsBytes);
    }

    [Fact]
    public void EachDocumentAndAnswer_IsCountedAtLeastAsLargeAsItIsStored()
    {
        var document = Worst("d-0123456789ab");
        var stored = (StoredJson.Serialize(document).Length + document.Id.Length + 4) * 2L;
        var counted = EvaluationBudget.DocumentBytes(document.Id, document.FileName, document.DeclaredContentType, document.UploadedBy);
        output.WriteLine($"The largest document is stored in {stored:N0} bytes and counted as {counted:N0}; besides its labels it takes " +
            $"{stored - counted + EvaluationBudget.DocumentOverheadBytes:N0} of the {EvaluationBudget.DocumentOverheadBytes:N0} bytes allowed");
        Assert.True(stored <= counted, $"A document is stored in {stored:N0} bytes.");
        var answer = new AnswerSummary(AnswerStatus.PartiallyImplemented, 100_000, [.. Enumerable.Range(0, 100).Select(i => $"d-{i:x12}")], int.MaxValue, Person, Now);
        var storedAnswer = (StoredJson.Serialize(answer).Length + "IS-10.10".Length + 4) * 2L;
        Assert.True(storedAnswer <= EvaluationBudget.AnswerBytes("IS-10.10", Person, answer.DocumentIds), $"An answer is stored in {storedAnswer:N0} bytes.");
    }

    /// <summary>A document with every field a completion and a refusal can add, at their longest.</summary>
    private static MeansOfVerification Worst(string id) => new(id, Escaped, DocumentStatus.Rejected, Type, long.MaxValue, Person, Now,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", long.MaxValue, new string('0', 64), Now, LongestReason, Now);
}
