using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Notifications;

/// <summary>The real SendGrid client against a fake SendGrid server; the evaluation workflows deliver the
/// outbox and own reliability (durable timers for retries, an incident alert that does not need SendGrid).</summary>
public sealed class SendGridTests
{
    /// <param name="timeout">How long the sender waits for SendGrid. Only the timeout test wants it short: on a loaded
    /// machine a 1 s wait also gives up on the fake's ordinary answers, and each such attempt is retried.</param>
    private static Task<MemApp> StartAsync(FakeSendGrid fake, Action<IServiceCollection>? services = null, string retryFor = "3.00:00:00", string timeout = "00:00:10") => MemApp.StartAsync(new Dictionary<string, string?>
    {
        ["Mem:Email:Mode"] = "sendgrid",
        ["Mem:Email:SendGridHost"] = fake.Address.ToString(),
        ["Mem:Email:SendGridApiKey"] = "test-key-not-a-secret",
        ["Mem:Email:From"] = "mem@oas.org",
        ["Mem:Email:RetryFor"] = retryFor,
        ["Mem:Email:BaseDelay"] = "00:00:10",
        ["Mem:Email:Timeout"] = timeout,
    }, services);

    private static async Task<(string RoundId, Registered Nce)> StartRoundAsync(MemApp app)
    {
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez", languages: ["es"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        await app.SettleAsync(roundId);
        return (roundId, nce);
    }

    private static async Task<IReadOnlyList<System.Text.Json.Nodes.JsonNode?>> OutboxAsync(MemApp app, string roundId)
    {
        await app.SettleAsync(roundId);
        return (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/outbox")).JsonAsync(HttpStatusCode.OK)).AsArray().ToList();
    }

    [Theory]
    [InlineData(EmailKind.QuestionnaireIssued)]
    [InlineData(EmailKind.Reminder)]
    [InlineData(EmailKind.Overdue)]
    [InlineData(EmailKind.Escalation)]
    [InlineData(EmailKind.SubmissionReceived)]
    [InlineData(EmailKind.Assignment)]
    [InlineData(EmailKind.SubmissionReady)]
    [InlineData(EmailKind.ConsultantReviewRequested)]
    [InlineData(EmailKind.ChangesRequested)]
    [InlineData(EmailKind.CountryReview)]
    [InlineData(EmailKind.Published)]
    [InlineData(DeliveryAlertEmail.Kind)]
    [InlineData(EmailKind.SignInLink)]
    public async Task TheSendGridBody_CarriesRecipientSenderContentCategoriesAndCustomArgs(string kind)
    {
        await using var fake = await FakeSendGrid.StartAsync();
        await using var app = await StartAsync(fake);
        var email = new OutgoingEmail("outbox|MEX|0000000001|000", "r2023-0a1b2c3d", "MEX", kind, "ana@sre.gob.mx", "Ana Gómez", "es",
            $"MEM 2023: {kind}", "Texto del mensaje.", "<p>Texto del mensaje.</p>");

        var result = await app.Service<IEmailSender>().SendAsync(email);

        Assert.True(result.Delivered);
        Assert.StartsWith("fake-", result.ProviderMessageId);
        var body = Assert.Single(fake.Requests);
        Assert.Equal("Bearer test-key-not-a-secret", body["authorization"].Str());
        Assert.Equal("ana@sre.gob.mx", body["personalizations"]![0]!["to"]![0]!["email"].Str());
        Assert.Equal("Ana Gómez", body["personalizations"]![0]!["to"]![0]!["name"].Str());
        Assert.Equal("mem@oas.org", body["from"]!["email"].Str());
        Assert.Equal($"MEM 2023: {kind}", body["personalizations"]![0]!["subject"].Str());
        var content = body["content"]!.AsArray();
        Assert.Equal(["text/plain", "text/html"], content.Select(c => c!["type"].Str()));
        Assert.Equal("Texto del mensaje.", content[0]!["value"].Str());
        Assert.Equal(["mem", kind], body["categories"]!.AsArray().Select(c => c.Str()));
        Assert.Equal("r2023-0a1b2c3d", body["personalizations"]![0]!["custom_args"]!["roundId"].Str());
        Assert.Equal("MEX", body["personalizations"]![0]!["custom_args"]!["memberState"].Str());
        Assert.Equal(kind, body["personalizations"]![0]!["custom_args"]!["kind"].Str());
        Assert.Equal("outbox|MEX|0000000001|000", body["personalizations"]![0]!["custom_args"]!["outboxId"].Str());
        // Links reach the reader as written, never through SendGrid's click-tracking redirect (a sign-in code would pass through it).
        Assert.False(body["tracking_settings"]!["click_tracking"]!["enable"]!.GetValue<bool>());
        Assert.False(body["tracking_settings"]!["click_tracking"]!["enable_text"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Three429s_ThenA202_DeliverOnce_HonouringRetryAfter_AndRecordTheProvidersId()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (n, _) => n <= 3 ? new FakeAnswer(429, RetryAfter: TimeSpan.FromSeconds(60)) : FakeAnswer.Accepted;
        await using var app = await StartAsync(fake);
        var (roundId, _) = await StartRoundAsync(app);
        Assert.Single(fake.Requests);

        for (var attempt = 2; attempt <= 4; attempt++)
        {
            await app.AdvanceClockAsync("PT59S");
            Assert.Equal(attempt - 1, fake.Requests.Count);
            await app.AdvanceClockAsync("PT1S");
            Assert.Equal(attempt, fake.Requests.Count);
        }

        Assert.Single(fake.Delivered);
        Assert.Empty(await OutboxAsync(app, roundId));
        var row = Assert.Single(await app.RowsAsync("rounds", "RowKey ge 'outbox|' and RowKey lt 'outbox}'"));
        Assert.Equal("sent", row.GetString("Status"));
        Assert.Equal(4, row.GetInt32("Attempts"));
        Assert.Equal("fake-4", row.GetString("ProviderMessageId"));
    }

    [Fact]
    public async Task APersistent500_FailsTheMessageAfterTheRetryPeriod_AlertsTheMemUnitThroughTheLocalMailbox_AndAHandRetryDelivers()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (_, _) => new FakeAnswer(500);
        await using var app = await StartAsync(fake, retryFor: "00:04:00");
        var (roundId, nce) = await StartRoundAsync(app);
        for (var i = 0; i < 3; i++)
            await app.AdvanceClockAsync("PT2M");

        var failed = Assert.Single(await OutboxAsync(app, roundId))!;
        Assert.Equal("failed", failed["status"].Str());
        Assert.Equal(3, failed["attempts"]!.GetValue<int>());
        Assert.Contains("SendGrid answered 500", failed["lastError"].Str());
        Assert.Equal(nce.Email, failed["to"].Str());
        var alert = Assert.Single(await app.RowsAsync("mailbox", "PartitionKey eq 'mail'"));
        Assert.Equal("deliveryAlert", alert.GetString("Category"));
        Assert.Equal("mem-unit@localhost.test", alert.GetString("To"));
        Assert.Contains(nce.Email, alert.GetString("Text"));

        fake.Behaviour = (_, _) => FakeAnswer.Accepted;
        Assert.Equal(HttpStatusCode.Accepted, (await app.Admin().PostAsync($"/api/rounds/{roundId}/outbox/{failed["id"].Str()}/retry", null)).StatusCode);
        Assert.Empty(await OutboxAsync(app, roundId));
        var all = (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/outbox?status=all")).JsonAsync(HttpStatusCode.OK)).AsArray();
        var delivered = Assert.Single(all, m => m!["id"].Str() == failed["id"].Str())!;
        Assert.Equal("sent", delivered["status"].Str());
        Assert.Equal(4, delivered["attempts"]!.GetValue<int>());
        Assert.Contains(fake.Delivered, b => b["personalizations"]![0]!["to"]![0]!["email"].Str() == nce.Email);
        await (await app.Admin().PostAsync($"/api/rounds/{roundId}/outbox/{failed["id"].Str()}/retry", null)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task APermanentRefusal_FailsAtOnce_WithTheProvidersError()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (n, _) => n == 1 ? new FakeAnswer(400) : FakeAnswer.Accepted;
        await using var app = await StartAsync(fake);
        var (roundId, _) = await StartRoundAsync(app);
        var failed = Assert.Single(await OutboxAsync(app, roundId))!;
        Assert.Equal("failed", failed["status"].Str());
        Assert.Equal(1, failed["attempts"]!.GetValue<int>());
        Assert.Contains("simulated 400", failed["lastError"].Str());
    }

    [Fact]
    public async Task ATimeout_IsRetried()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (n, _) => n == 1 ? new FakeAnswer(0, Hang: true) : FakeAnswer.Accepted;
        await using var app = await StartAsync(fake, timeout: "00:00:01");
        var (roundId, _) = await StartRoundAsync(app);
        var pending = Assert.Single(await OutboxAsync(app, roundId))!;
        Assert.Contains("did not answer within 1 s", pending["lastError"].Str());
        await app.AdvanceClockAsync("PT11S");
        Assert.Empty(await OutboxAsync(app, roundId));
        Assert.Single(fake.Delivered);
    }

    /// <summary>Storage that fails to record a message as sent, once: the process died after SendGrid
    /// accepted the message and before the outbox said so.</summary>
    private sealed class LostAcknowledgement : HttpPipelineSynchronousPolicy
    {
        public int Remaining;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Patch && message.Request.Uri.ToString().Contains("outbox", StringComparison.Ordinal)
                && Interlocked.Decrement(ref Remaining) == 0)
                throw new RequestFailedException(503, "Simulated crash between sending and recording.");
        }
    }

    [Fact]
    public async Task ACrashBetweenSendingAndRecording_ResendsOnce_SoAtMostOneDuplicateReachesTheRecipient()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        var crash = new LostAcknowledgement { Remaining = 1 }; // claims go in a batch; the first single merge is the record of the send
        await using var app = await StartAsync(fake, s => s.AddSingleton<HttpPipelinePolicy>(crash));
        var (roundId, _) = await StartRoundAsync(app);
        Assert.Single(fake.Delivered);

        await app.SettleAsync(roundId);
        Assert.Single(fake.Delivered);
        await app.AdvanceClockAsync("PT3M");

        // At-least-once: the claim expired and the message went again. Exactly one duplicate, never more.
        Assert.Equal(2, fake.Delivered.Count);
        Assert.Single(fake.Delivered.Select(FakeSendGrid.OutboxId).Distinct());
        await app.AdvanceClockAsync("PT3M");
        Assert.Equal(2, fake.Delivered.Count);
        Assert.Empty(await OutboxAsync(app, roundId));
    }

    [Fact]
    public async Task AThousandMessages_WithOneInTenThrottled_AreAllDeliveredExactlyOnce()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (n, _) => n % 10 == 0 ? new FakeAnswer(429, RetryAfter: TimeSpan.FromSeconds(1)) : FakeAnswer.Accepted;
        await using var app = await StartAsync(fake);
        var (roundId, _) = await StartRoundAsync(app);
        var table = app.Table("rounds");
        var now = MemApp.Epoch;
        foreach (var batch in Enumerable.Range(0, 1000).Chunk(100))
        {
            await table.SubmitTransactionAsync(batch.Select(i => new TableTransactionAction(TableTransactionActionType.Add, OutboxRow.Create(roundId,
                $"outbox|MEX|{9000000000 + i:D10}|000", "MEX",
                new Email(new Recipient($"p-{i}", $"Person {i}", $"person{i}@example.org", "en"), EmailKind.Reminder, $"Reminder {i}", "Text."), now))));
        }

        for (var round = 0; round < 10 && fake.Delivered.Count < 1001; round++)
            await app.AdvanceClockAsync("PT2S");

        var delivered = fake.Delivered.Select(FakeSendGrid.OutboxId).ToList();
        Assert.Equal(1001, delivered.Count);
        Assert.Equal(1001, delivered.Distinct().Count());
        Assert.Equal(fake.Requests.Count - fake.Delivered.Count, fake.Requests.Count / 10);
        var left = await OutboxAsync(app, roundId);
        Assert.True(left.Count == 0, string.Join("\n", left.Take(5).Select(m => m!.ToJsonString())));
    }

    [Fact]
    public async Task SendGridDownForTwoHours_ThenBack_DeliversEverything_FailsNothing_AndAlertsTheMemUnitOnce()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (_, _) => new FakeAnswer(503);
        await using var app = await StartAsync(fake);
        var nce = new List<Registered>();
        foreach (var state in new[] { "MEX", "COL", "PER" })
            nce.Add(await app.RegisterAsync("nce", state));
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL", "PER" } });
        await app.SettleAsync(roundId);

        for (var minutes = 10; minutes <= 120; minutes += 10)
        {
            await app.AdvanceClockAsync("PT10M");
            var health = await (await app.Admin().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);
            // The reason is the delivery incident's: what, since when, and the provider's last answer.
            Assert.StartsWith(minutes >= 60 ? "degraded: email delivery: failing since 2027-01-04T09:00:00.0000000+00:00 (SendGrid answered 503" : "healthy",
                health["status"].Str() + string.Concat(health["reasons"]!.AsArray().Select(r => ": " + r.Str())));
        }
        var waiting = await OutboxAsync(app, roundId);
        Assert.Equal(3, waiting.Count(m => m!["kind"].Str() == "questionnaireIssued"));
        Assert.All(waiting, m => Assert.Equal("pending", m!["status"].Str()));
        Assert.Empty(fake.Delivered);
        var alerts = (await app.RowsAsync("mailbox", "PartitionKey eq 'mail'")).Where(r => r.GetString("Category") == "deliveryAlert").ToList();
        var alert = Assert.Single(alerts);
        Assert.Equal("mem-unit@localhost.test", alert.GetString("To"));

        fake.Behaviour = (_, _) => FakeAnswer.Accepted;
        await app.AdvanceClockAsync("PT1H");
        Assert.Empty(await OutboxAsync(app, roundId));
        Assert.Equal(nce.Select(n => n.Email).Order(), fake.Delivered.Select(b => b["personalizations"]![0]!["to"]![0]!["email"].Str()).Order());
        Assert.DoesNotContain((await (await app.Admin().GetAsync($"/api/rounds/{roundId}/outbox?status=all")).JsonAsync(HttpStatusCode.OK)).AsArray(),
            m => m!["status"].Str() == "failed");
        Assert.Single(await app.RowsAsync("mailbox", "PartitionKey eq 'mail'"), r => r.GetString("Category") == "deliveryAlert");
        Assert.Equal("healthy", (await (await app.Admin().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK))["status"].Str());
    }
}
