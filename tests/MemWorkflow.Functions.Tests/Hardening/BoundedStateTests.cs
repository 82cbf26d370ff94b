using System.Net;
using Azure.Data.Tables;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Hardening;

/// <summary>Issue 18, item 3: whatever one user does, the evaluation's state row stays small enough for
/// the workflow's own steps and the rest of the process.</summary>
public sealed class BoundedStateTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<string> Items = PlanCatalogue.Current.FindPillar("IS")!.Objectives.SelectMany(o => o.PriorityActions).Select(a => a.Id).ToList();
    private static readonly IReadOnlyList<string> Objectives = PlanCatalogue.Current.FindPillar("IS")!.Objectives.Select(o => o.Id).ToList();

    /// <summary>The largest name the API takes (1,024 characters, kept as 200), of characters the stored JSON
    /// writes six times over (each half of an emoji as <c>\uXXXX</c>), and the largest content type (255).</summary>
    private static readonly string FileName = string.Concat(Enumerable.Repeat("😀", 510)) + ".pdf";
    private static readonly string ContentType = "x/" + string.Concat(Enumerable.Repeat("\uE000", 253));

    [Fact]
    public async Task AnNceReservingMaximalDocumentsUntilRefused_StillGetsReminders_CanSubmit_AndTheRoundPublishes()
    {
        await using var app = await MemApp.StartAsync();
        var (roundId, nceUser, nce, experts, consultantUser) = await JamRound.StartAsync(app);
        var evidence = await nce.UploadAsync(roundId, "JAM", "national-drug-plan.txt", Evidence.Seed(Evidence.SeedFiles[2]));
        foreach (var id in Items)
            await (await nce.SaveAnswerAsync(roundId, "JAM", id, "implemented", $"Jamaica's answer on {id}.", [evidence["documentId"].Str()])).JsonAsync(HttpStatusCode.OK);

        // Reserve until refused: a 413 problem, well before 1 MiB and before the 1,000-document cap.
        var reserved = 0;
        HttpResponseMessage response;
        while ((response = await nce.PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/documents",
            new { fileName = FileName, contentType = ContentType, length = 1000 })).StatusCode == HttpStatusCode.Created)
            reserved++;
        var refused = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("means of verification", refused["detail"].Str());
        Assert.InRange(reserved, 50, 999);
        var full = await StateRowBytesAsync(app, roundId);
        output.WriteLine($"{reserved} maximal reservations accepted; the state row then measured {full:N0} bytes");
        Assert.True(full < 800 * 1024, $"The state row measured {full:N0} bytes with a full documents share.");

        // The workflow's own steps: every reservation expires (12 h) and the reminders go out.
        for (var day = 1; day <= 46; day++)
            await app.AdvanceClockAsync("P1D");
        var mail = await app.MailAsync(roundId);
        Assert.Contains(mail, m => m!["category"].Str() == "reminder" && m["to"].Str() == nceUser.Email);
        var documents = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/JAM/documents")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(reserved, documents.AsArray().Count(d => d!["status"].Str() == "rejected"));
        var expired = await StateRowBytesAsync(app, roundId);
        output.WriteLine($"After the workflow refused every abandoned reservation: {expired:N0} bytes");

        // The NCE submits; the review runs to publication.
        await (await nce.PostAsync($"/api/rounds/{roundId}/countries/JAM/submission", null)).StageAsync("submitted");
        var (assigned, _) = await app.AssignAsync(roundId, "JAM");
        var expert = app.Client(experts[assigned[0]].Token);
        foreach (var objective in Objectives)
            await (await expert.SaveSummaryAsync(roundId, "JAM", objective, $"Jamaica's progress on {objective}.")).JsonAsync(HttpStatusCode.OK);
        await (await expert.PostAsync($"/api/rounds/{roundId}/countries/JAM/evaluation/submission", null)).StageAsync("consultantReview");
        await (await app.Client(consultantUser.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/feedback", new { decision = "approve" })).StageAsync("countryReview");
        await (await nce.PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/draft-comments", new { text = "Jamaica accepts the draft.", accept = true })).StageAsync("awaitingApproval");
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/approval", new { note = "Approved." })).StageAsync("approved");
        await (await app.Admin().PostAsync($"/api/rounds/{roundId}/countries/JAM/publication", null)).JsonAsync(HttpStatusCode.OK);
        var report = await app.Client().GetAsync($"/api/reports/{roundId}/JAM?format=markdown");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains($"Jamaica's progress on {Objectives[0]}.", await report.Content.ReadAsStringAsync());
        output.WriteLine($"Published; the state row measures {await StateRowBytesAsync(app, roundId):N0} bytes");
    }

    private static async Task<long> StateRowBytesAsync(MemApp app, string roundId)
    {
        var row = (await app.Table("rounds").GetEntityAsync<TableEntity>(roundId, RowKeys.State("JAM"))).Value;
        foreach (var system in new[] { "odata.etag", "Timestamp" })
            row.Remove(system);
        return TableLimits.EnsureWithin(row);
    }
}
