using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Rounds;

public sealed class CancellationTests
{
    [Fact]
    public async Task CancelRound_WithdrawsEveryEvaluation_TellsTheNceUsers_AndIsIdempotent()
    {
        await using var app = await MemApp.StartAsync();
        var mexico = await app.RegisterAsync("nce", "MEX");
        await app.RegisterAsync("nce", "PER");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2021", memberStates = new[] { "MEX", "PER", "URY" } });

        var cancelled = await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/cancellation", new { reason = "Postponed by the plenary" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled["status"].Str());
        Assert.All(cancelled["countries"]!.AsArray(), c => Assert.Equal("withdrawn", c!["stage"].Str()));
        Assert.All(cancelled["countries"]!.AsArray(), c => Assert.False(c!["overdue"]!.GetValue<bool>()));

        var withdrawals = (await app.MailAsync(roundId)).Where(m => m!["category"].Str() == "evaluationWithdrawn").ToList();
        Assert.Equal(2, withdrawals.Count);
        Assert.Contains("Postponed by the plenary", withdrawals.Single(m => m!["to"].Str() == mexico.Email)!["text"].Str());

        var rows = (await app.RowsAsync("rounds")).Count;
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/cancellation", new { reason = "again" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(rows, (await app.RowsAsync("rounds")).Count);
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/extension", new { due = MemApp.Epoch.AddDays(200), reason = "x" }))
            .ProblemAsync(HttpStatusCode.Conflict);

        var history = await (await app.Client(mexico.Token).GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["questionnaireIssued", "evaluationWithdrawn"], history["history"]!.AsArray().Select(h => h!["type"].Str()));
    }
}
