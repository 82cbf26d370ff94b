using System.Net;
using MemWorkflow.Core;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Rounds;

/// <summary>The orchestrations as the MEM Unit sees and starts them.</summary>
public sealed class WorkflowTests
{
    [Fact]
    public async Task Workflow_ShowsTheRoundsOrchestrations_WhatEachWaitsFor_AndWhenItWakes_ToTheMemUnitOnly()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" }, schedule = new { submissionDue = MemApp.Epoch.AddDays(60) } });

        var workflow = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/workflow")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(roundId, workflow["round"]!["instanceId"].Str());
        Assert.Equal("Running", workflow["round"]!["runtimeStatus"].Str());
        var evaluations = workflow["evaluations"]!.AsArray();
        Assert.Equal([$"{roundId}.MEX", $"{roundId}.COL"], evaluations.Select(e => e!["instanceId"].Str()));
        Assert.All(evaluations, e =>
        {
            Assert.Equal("Running", e!["runtimeStatus"].Str());
            Assert.Equal("issued", e["stage"].Str());
            Assert.Equal("Nce: Issued", e["waitingFor"].Str());
            Assert.True(e["caughtUp"]!.GetValue<bool>());
            // The heartbeat (6 hours) comes before the first reminder (day 46).
            Assert.Equal(e["plannedAt"]!.GetValue<DateTimeOffset>().AddHours(6), e["nextWakeUp"]!.GetValue<DateTimeOffset>());
        });

        await (await app.Client(nce.Token).GetAsync($"/api/rounds/{roundId}/workflow")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Admin().GetAsync("/api/rounds/r2023-00000000/workflow")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartRound_WithAnIdempotencyKey_Repeated_AnswersTheSameRound_AndTheKeyCannotStartAnother()
    {
        await using var app = await MemApp.StartAsync();
        await app.RegisterAsync("nce", "MEX");
        var request = new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } };
        async Task<HttpResponseMessage> StartAsync(object body, string key)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/rounds") { Content = System.Net.Http.Json.JsonContent.Create(body) };
            message.Headers.Add("Idempotency-Key", key);
            return await app.Admin().SendAsync(message);
        }

        var first = await (await StartAsync(request, "start-2023-mex")).JsonAsync(HttpStatusCode.Created);
        var again = await StartAsync(request, "start-2023-mex");
        var second = await again.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(first["roundId"].Str(), second["roundId"].Str());
        Assert.Equal($"/api/rounds/{first["roundId"].Str()}", again.Headers.Location?.OriginalString);
        Assert.Single((await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK)).AsArray());
        Assert.Single(await app.MailAsync(first["roundId"].Str()));

        await (await StartAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "COL" } }, "start-2023-mex")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // The same request twice at once: both answer the one round.
        var racing = await Task.WhenAll(StartAsync(request, "start-2023-mex-raced"), StartAsync(request, "start-2023-mex-raced"));
        var raced = await Task.WhenAll(racing.Select(r => r.JsonAsync(HttpStatusCode.Created)));
        Assert.Equal(raced[0]["roundId"].Str(), raced[1]["roundId"].Str());
        await (await StartAsync(request, new string('k', 201))).ProblemAsync(HttpStatusCode.BadRequest);
        var other = await (await StartAsync(request, "start-2023-mex-again")).JsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(first["roundId"].Str(), other["roundId"].Str());
        Assert.Equal(3, (await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK)).AsArray().Count);
    }

    [Fact]
    public async Task ACommandWhoseDoorbellIsLost_IsActedOnByTheHeartbeat()
    {
        async Task<bool> ExtensionEmailedWithinAsync(MemApp app, TimeSpan within)
        {
            await app.RegisterAsync("nce", "MEX");
            var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
            var round = (await app.Service<RoundQueries>().GetAsync(roundId))!;
            // Committed as the HTTP function would, but no doorbell rings (as if the process died right after the commit).
            var extended = await app.Service<RoundCommands>().ExtendAsync(round, "MEX", MemApp.Epoch.AddDays(120), "Ministry reorganisation", new Actor("memunit", "MEM Unit"));
            Assert.True(extended.EventsWritten > 0);
            var deadline = DateTime.UtcNow + within;
            while (DateTime.UtcNow < deadline)
            {
                if ((await app.Service<LocalMailboxSender>().ReadAsync(roundId, null)).Any(m => m.Category == "deadlineExtended"))
                    return true;
                await Task.Delay(200);
            }
            return false;
        }

        await using (var sleepy = await MemApp.StartAsync())
            Assert.False(await ExtensionEmailedWithinAsync(sleepy, TimeSpan.FromSeconds(6)), "With a 6-hour heartbeat nothing but the doorbell wakes the workflow this soon.");
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:Workflow:Heartbeat"] = "00:00:03" });
        Assert.True(await ExtensionEmailedWithinAsync(app, TimeSpan.FromSeconds(20)), "The heartbeat should have delivered the extension's email.");
    }

    [Fact]
    public async Task ACancelledRound_EndsEveryEvaluationWorkflow_AndThenTheRoundsWorkflow()
    {
        await using var app = await MemApp.StartAsync();
        await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/cancellation", new { reason = "The plenary postponed the round." })).JsonAsync(HttpStatusCode.OK);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        System.Text.Json.Nodes.JsonNode workflow;
        do
        {
            await Task.Delay(200);
            workflow = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/workflow")).JsonAsync(HttpStatusCode.OK);
        }
        while (workflow["round"]!["runtimeStatus"].Str() != "Completed" && DateTime.UtcNow < deadline);
        Assert.Equal("Completed", workflow["round"]!["runtimeStatus"].Str());
        Assert.All(workflow["evaluations"]!.AsArray(), e =>
        {
            Assert.Equal("Completed", e!["runtimeStatus"].Str());
            Assert.Equal("withdrawn", e["stage"].Str());
            Assert.Null(e["nextWakeUp"]);
        });
        Assert.Single(await app.MailAsync(roundId), m => m!["category"].Str() == "evaluationWithdrawn");
    }
}
