using System.Net;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Questionnaires;

public sealed class SubmissionTests
{
    /// <summary>Jamaica's 2023 questionnaire without two of its pillars: Institutional Strengthening only.</summary>
    private static readonly IReadOnlyList<string> Items = PlanCatalogue.Current.FindPillar("IS")!.Objectives.SelectMany(o => o.PriorityActions).Select(a => a.Id).ToList();

    private static async Task<(MemApp App, HttpClient Nce, Registered User, string RoundId)> StartAsync()
    {
        var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "JAM");
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023",
            memberStates = new[] { "JAM" },
            excludedPillars = new Dictionary<string, string[]> { ["JAM"] = ["RIME", "IC"] },
            schedule = new { submissionDue = MemApp.Epoch.AddDays(30) },
        });
        return (app, app.Client(nce.Token), nce, roundId);
    }

    private static async Task AnswerEverythingAsync(HttpClient nce, string roundId)
    {
        var evidence = await nce.UploadAsync(roundId, "JAM", "national-drug-plan.txt", Evidence.Seed(Evidence.SeedFiles[2]));
        foreach (var (id, i) in Items.Select((id, i) => (id, i)))
        {
            var (status, documents) = (i % 3) switch
            {
                0 => ("implemented", new[] { evidence["documentId"].Str() }),
                1 => ("notImplemented", Array.Empty<string>()),
                _ => ("notApplicable", Array.Empty<string>()),
            };
            await (await nce.SaveAnswerAsync(roundId, "JAM", id, status, $"Jamaica's answer on {id}.", documents)).JsonAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Submission_OfAnIncompleteQuestionnaire_ListsEveryItemAndWhatItLacks_AndWritesNothing()
    {
        var (app, nce, _, roundId) = await StartAsync();
        await using var _ = app;
        var pending = await nce.ReserveAsync(roundId, "JAM", "pending.pdf", 100);
        await nce.SaveAnswerAsync(roundId, "JAM", "IS-1.1", "implemented", "A National Council on Drug Abuse exists.");
        await nce.SaveAnswerAsync(roundId, "JAM", "IS-1.2", "partiallyImplemented", "Partly.", [pending["documentId"].Str()]);
        await nce.SaveAnswerAsync(roundId, "JAM", "IS-1.3", "notApplicable", "   ");
        await nce.SaveAnswerAsync(roundId, "JAM", "IS-1.4", "notImplemented", "");
        var before = (await app.RowsAsync("rounds")).Count;

        var problem = await (await nce.PostAsync($"/api/rounds/{roundId}/countries/JAM/submission", null)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal($"The questionnaire of JAM cannot be submitted: {Items.Count - 1} of {Items.Count} priority actions are incomplete.", problem["detail"].Str());
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(Items.Where(i => i != "IS-1.4"), errors.Select(e => e.Key));
        Assert.Equal("Marked implemented without a means of verification: upload and link at least one document.", errors["IS-1.1"]![0].Str());
        Assert.Equal("Marked partially implemented but none of its linked documents has finished uploading and passed verification.", errors["IS-1.2"]![0].Str());
        Assert.Equal("Marked not applicable without a justification: explain why in the narrative.", errors["IS-1.3"]![0].Str());
        Assert.Equal("No answer.", errors["IS-2.1"]![0].Str());
        Assert.Equal(before, (await app.RowsAsync("rounds")).Count);
    }

    [Fact]
    public async Task Submission_FreezesTheQuestionnaire_TellsTheNceAndTheMemUnit_StopsReminders_AndIsIdempotent()
    {
        var (app, nce, user, roundId) = await StartAsync();
        await using var _ = app;
        await AnswerEverythingAsync(nce, roundId);

        var submitted = await (await nce.PostAsync($"/api/rounds/{roundId}/countries/JAM/submission", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("submitted", submitted["stage"].Str());
        Assert.False(submitted["late"]!.GetValue<bool>());
        Assert.Equal(Items.Count, submitted["answers"]!.GetValue<int>());
        var rows = (await app.RowsAsync("rounds")).Count;
        var again = await (await nce.PostAsync($"/api/rounds/{roundId}/countries/JAM/submission", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(submitted.ToJsonString(), again.ToJsonString());
        Assert.Equal(rows, (await app.RowsAsync("rounds")).Count);

        var mail = (await app.MailAsync(roundId)).Where(m => m!["category"].Str() == "submissionReceived").ToList();
        Assert.Equal([user.Email, "mem-unit@localhost.test"], mail.Select(m => m!["to"].Str()).Order(StringComparer.Ordinal).Reverse());
        Assert.Contains("is now read-only", mail.Single(m => m!["to"].Str() == user.Email)!["text"].Str());

        await (await nce.SaveAnswerAsync(roundId, "JAM", "IS-1.2", "implemented", "Changed my mind.", ifMatch: 1)).ProblemAsync(HttpStatusCode.Conflict);
        await (await nce.PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/documents", new { fileName = "late.pdf", length = 10 })).ProblemAsync(HttpStatusCode.Conflict);

        for (var day = 0; day < 45; day += 5)
            await app.AdvanceClockAsync("P5D");
        Assert.DoesNotContain(await app.MailAsync(roundId), m => m!["category"].Str() is "reminder" or "overdue" or "escalation");
        var evaluation = await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.False(evaluation["countries"]![0]!["overdue"]!.GetValue<bool>());
        Assert.Equal("none", evaluation["countries"]![0]!["owner"].Str());
    }

    [Fact]
    public async Task ALateSubmission_IsAccepted_AndTheHistoryAndEmailsSaySo()
    {
        var (app, nce, _, roundId) = await StartAsync();
        await using var _ = app;
        await AnswerEverythingAsync(nce, roundId);
        await app.AdvanceClockAsync("P33D");

        var submitted = await (await nce.PostAsync($"/api/rounds/{roundId}/countries/JAM/submission", null)).JsonAsync(HttpStatusCode.OK);
        Assert.True(submitted["late"]!.GetValue<bool>());
        var history = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/JAM")).JsonAsync(HttpStatusCode.OK);
        var entry = history["history"]!.AsArray().Last()!;
        Assert.Equal("questionnaireSubmitted", entry["type"].Str());
        Assert.Contains("3 days late", entry["summary"].Str());
        var notice = (await app.MailAsync(roundId)).Single(m => m!["to"].Str() == "mem-unit@localhost.test" && m["category"].Str() == "submissionReceived")!;
        Assert.Contains("(late)", notice["subject"].Str());
    }

    [Fact]
    public async Task SubmittingAWithdrawnEvaluation_Is409()
    {
        var (app, nce, _, roundId) = await StartAsync();
        await using var _ = app;
        await AnswerEverythingAsync(nce, roundId);
        await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/cancellation", new { reason = "Postponed" });
        await (await nce.PostAsync($"/api/rounds/{roundId}/countries/JAM/submission", null)).ProblemAsync(HttpStatusCode.Conflict);
    }
}
