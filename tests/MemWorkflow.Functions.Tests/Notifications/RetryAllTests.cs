using System.Net;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Notifications;

/// <summary>POST /api/rounds/{id}/outbox/retry: every failed message of a round at once, delivered by
/// each evaluation's workflow, started again when it had already completed.</summary>
public sealed class RetryAllTests
{
    private static Task<MemApp> StartAsync(FakeSendGrid fake, string retryFor = "3.00:00:00") => MemApp.StartAsync(new Dictionary<string, string?>
    {
        ["Mem:Email:Mode"] = "sendgrid",
        ["Mem:Email:SendGridHost"] = fake.Address.ToString(),
        ["Mem:Email:SendGridApiKey"] = "test-key-not-a-secret",
        ["Mem:Email:RetryFor"] = retryFor,
        ["Mem:Email:AlertAfter"] = "00:02:00",
        ["Mem:Email:BaseDelay"] = "00:00:10",
    });

    private static async Task<JsonArray> OutboxAsync(MemApp app, string roundId, string? status = null) =>
        (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/outbox{(status is null ? "" : "?status=" + status)}")).JsonAsync(HttpStatusCode.OK)).AsArray();

    private static async Task<JsonNode> WaitForAsync(MemApp app, string path, Func<JsonNode, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var body = await (await app.Admin().GetAsync(path)).JsonAsync(HttpStatusCode.OK);
            if (done(body))
                return body;
            Assert.True(DateTime.UtcNow < deadline, $"{what}: {body.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task MessagesRefusedForGood_OfEvaluationsWhoseWorkflowsCompleted_AreAllDeliveredAfterOneRetryOfTheOutbox()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        var refusing = true;
        fake.Behaviour = (_, _) => Volatile.Read(ref refusing) ? new FakeAnswer(400) : FakeAnswer.Accepted;
        await using var app = await StartAsync(fake);
        var mex = await app.RegisterAsync("nce", "MEX");
        var col = await app.RegisterAsync("nce", "COL");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        // The cancellation withdraws both evaluations (its notices are refused too) and their workflows complete.
        await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/cancellation", new { reason = "The plenary postponed the round." })).JsonAsync(HttpStatusCode.OK);
        await WaitForAsync(app, $"/api/rounds/{roundId}/workflow",
            w => w["evaluations"]!.AsArray().All(e => e!["runtimeStatus"].Str() == "Completed"), "The withdrawn evaluations' workflows did not complete");
        var failed = await OutboxAsync(app, roundId);
        Assert.Equal(4, failed.Count);
        Assert.All(failed, m => Assert.Equal("failed", m!["status"].Str()));
        Assert.Equal(["evaluationWithdrawn", "evaluationWithdrawn", "questionnaireIssued", "questionnaireIssued"], failed.Select(m => m!["kind"].Str()).Order(StringComparer.Ordinal));
        Assert.Empty(fake.Delivered);

        Volatile.Write(ref refusing, false);
        var retried = await (await app.Admin().PostAsync($"/api/rounds/{roundId}/outbox/retry", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, retried["retried"]!.GetValue<int>());
        await WaitForAsync(app, $"/api/rounds/{roundId}/outbox", o => o.AsArray().Count == 0, "The retried messages were not delivered");

        var ids = failed.Select(m => m!["id"].Str().Replace('.', '|')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ids, fake.Delivered.Select(FakeSendGrid.OutboxId).Select(id => id["outbox|".Length..]).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal([col.Email, col.Email, mex.Email, mex.Email],
            fake.Delivered.Select(b => b["personalizations"]![0]!["to"]![0]!["email"].Str()).Order(StringComparer.Ordinal).ToArray());
        Assert.All(await OutboxAsync(app, roundId, "all"), m => Assert.Equal("sent", m!["status"].Str()));
        Assert.Equal(0, (await (await app.Admin().PostAsync($"/api/rounds/{roundId}/outbox/retry", null)).JsonAsync(HttpStatusCode.OK))["retried"]!.GetValue<int>());
        await app.SettleAsync(roundId);
        Assert.Equal(4, fake.Delivered.Count);
    }

    [Fact]
    public async Task MessagesFailedPastTheRetryPeriod_UnderAKeyRefusedWith403_AreDeliveredAfterOneRetryOfTheOutbox()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        var refusing = true;
        fake.Behaviour = (_, _) => Volatile.Read(ref refusing) ? new FakeAnswer(403) : FakeAnswer.Accepted;
        await using var app = await StartAsync(fake, retryFor: "00:04:00");
        var nce = await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        for (var i = 0; i < 3; i++)
            await app.AdvanceClockAsync("PT2M");
        var failed = Assert.Single(await OutboxAsync(app, roundId))!;
        Assert.Equal("failed", failed["status"].Str());
        Assert.Contains("SendGrid answered 403", failed["lastError"].Str());
        Assert.True(failed["attempts"]!.GetValue<int>() > 1, "A 403 is retried before the message fails.");

        Volatile.Write(ref refusing, false);
        Assert.Equal(1, (await (await app.Admin().PostAsync($"/api/rounds/{roundId}/outbox/retry", null)).JsonAsync(HttpStatusCode.OK))["retried"]!.GetValue<int>());
        await app.SettleAsync(roundId);
        Assert.Empty(await OutboxAsync(app, roundId));
        Assert.Equal(nce.Email, Assert.Single(fake.Delivered)["personalizations"]![0]!["to"]![0]!["email"].Str());
        // The delivery incident opened after two minutes of refusals closes with that delivery.
        Assert.Empty((await (await app.Admin().GetAsync("/api/incidents")).JsonAsync(HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task RetryingTheOutbox_OfAnUnknownRound_OrAsAnNce_IsRefused_AndChangesNothing()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (_, _) => new FakeAnswer(400);
        await using var app = await StartAsync(fake);
        var nce = await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        Assert.Equal("failed", Assert.Single(await OutboxAsync(app, roundId))!["status"].Str());

        await (await app.Admin().PostAsync("/api/rounds/r2023-00000000/outbox/retry", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Admin().PostAsync("/api/rounds/not%27a%20round/outbox/retry", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await app.Client(nce.Token).PostAsync($"/api/rounds/{roundId}/outbox/retry", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Client().PostAsync($"/api/rounds/{roundId}/outbox/retry", null)).ProblemAsync(HttpStatusCode.Unauthorized);
        var still = Assert.Single(await OutboxAsync(app, roundId))!;
        Assert.Equal("failed", still["status"].Str());
        Assert.Equal(1, still["attempts"]!.GetValue<int>());
    }
}
