using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Rounds;

public sealed class ResilienceTests
{
    [Fact]
    public async Task StorageThatFailsAfterTenQuestionnaires_DelaysTheRest_WhichTheWorkflowsIssueOnceHealed_WithNoSecondEmail()
    {
        var crash = new StorageCrash();
        await using var app = await MemApp.StartAsync(configureServices: s => s.AddSingleton<HttpPipelinePolicy>(crash));
        var nce = new List<Registered>();
        foreach (var state in RoundStartTests.ThirtyThree)
            nce.Add(await app.RegisterAsync("nce", state));

        // The round, then ten more writes (questionnaires, email records); every later write fails until storage heals.
        crash.AfterWrites(1 + 10);
        var started = await app.Admin().PostJsonAsync("/api/rounds", new { thematicEvaluation = "R8-2022", memberStates = RoundStartTests.ThirtyThree });
        var roundId = (await started.JsonAsync(HttpStatusCode.Created))["roundId"].Str();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var halfway = await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK);
        var issuedWhileFailing = halfway["countries"]!.AsArray().Count(c => c!["stage"]?.GetValue<string>() == "issued");
        Assert.InRange(issuedWhileFailing, 1, 10);
        crash.Heal();

        await app.SettleAsync(roundId, TimeSpan.FromMinutes(2));
        // A send the failing storage could not record stays claimed until its claim lapses (2 minutes).
        await app.AdvanceClockAsync("PT3M");
        var round = await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.All(round["countries"]!.AsArray(), c => Assert.Equal("issued", c!["stage"].Str()));
        var mail = await app.MailAsync(roundId);
        Assert.Equal(nce.Select(n => n.Email).Order(), mail.Select(m => m!["to"].Str()).Order());
    }

    /// <summary>The fan-out skips reading a questionnaire it believes new; when that belief is stale
    /// (two fan-outs at once, or a view read before another wrote), storage refuses the second write
    /// and the fan-out reads and decides again: still one questionnaire, one email per NCE user.</summary>
    [Fact]
    public async Task TwoFanOutsWithAStaleView_IssueEachQuestionnaireOnce_AndEmailOnce()
    {
        await using var app = await MemApp.StartAsync();
        foreach (var state in new[] { "ARG", "BRA", "CHL" })
            await app.RegisterAsync("nce", state);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "ARG", "BRA", "CHL" } });
        await app.SettleAsync(roundId);
        var eventsBefore = (await app.RowsAsync("rounds", "RowKey ge 'evt|' and RowKey lt 'evt}'")).Count;
        Assert.True(eventsBefore >= 4, $"the round and three questionnaires wrote {eventsBefore} events");

        var round = (await app.Service<MemWorkflow.Functions.Rounds.RoundQueries>().GetAsync(roundId))!;
        var active = await app.Service<MemWorkflow.Functions.Participants.ParticipantDirectory>().ActiveAsync();
        var workflow = app.Service<MemWorkflow.Functions.Rounds.RoundCommands>();
        var issued = await Task.WhenAll(new[] { "ARG", "BRA", "CHL", "ARG", "BRA", "CHL" }
            .Select(ms => workflow.IssueQuestionnaireAsync(round, ms, active, CancellationToken.None)));

        Assert.All(issued, e => Assert.Equal(MemWorkflow.Contracts.Evaluations.Stage.Issued, e!.Stage));
        Assert.Equal(eventsBefore, (await app.RowsAsync("rounds", "RowKey ge 'evt|' and RowKey lt 'evt}'")).Count);
        Assert.Equal(3, (await app.MailAsync(roundId)).Count);
    }

    [Fact]
    public async Task TwentyConcurrentExtensions_AllGetAnAnswer_AndTheHistoryIsConsistent()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "ARG");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "ARG" } });
        var dues = Enumerable.Range(1, 20).Select(i => MemApp.Epoch.AddDays(90).AddHours(i)).OrderBy(_ => Random.Shared.Next()).ToList();

        var responses = await Task.WhenAll(dues.Select(due => app.Admin().PostJsonAsync(
            $"/api/rounds/{roundId}/countries/ARG/extension", new { due, reason = $"Extension to {due:O}" })));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await conflict.ProblemAsync(HttpStatusCode.Conflict);
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.True(accepted >= 1);

        var evaluation = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/ARG")).JsonAsync(HttpStatusCode.OK);
        var extensions = evaluation["history"]!.AsArray().Where(h => h!["type"].Str() == "deadlineExtended").ToList();
        Assert.Equal(accepted, extensions.Count);
        var rows = await app.RowsAsync("rounds", "RowKey ge 'evt|ARG|' and RowKey lt 'evt|ARG}'");
        Assert.Equal(Enumerable.Range(1, 1 + accepted).Select(v => $"evt|ARG|{v:D10}"), rows.Select(r => r.RowKey));
        var movedTo = rows.Skip(1).Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.GetString("Data"))!["due"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(movedTo.Order(), movedTo);
        Assert.Equal(movedTo[^1], evaluation["due"]!.GetValue<DateTimeOffset>());
        Assert.Equal(accepted, (await app.MailAsync(roundId)).Count(m => m!["category"].Str() == "deadlineExtended" && m["to"].Str() == nce.Email));
    }
}
