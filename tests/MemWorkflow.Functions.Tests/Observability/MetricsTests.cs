using System.Net;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MemWorkflow.Functions.Tests.Observability;

/// <summary>The named metrics a MEM Unit operator charts and alerts on, read as OpenTelemetry exports
/// them from the app (the local host, with the telemetry set-up the Functions worker uses).</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task EmailsDeliveredToTheMailbox_AreCountedAsSent_PerKind()
    {
        var metrics = new ExportedMetrics();
        await using var app = await metrics.StartAsync();
        await app.RegisterAsync("nce", "MEX");
        await app.RegisterAsync("nce", "COL");
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023",
            memberStates = new[] { "MEX", "COL" },
            schedule = new { submissionDue = MemApp.Epoch.AddDays(60) },
        });
        await app.AdvanceClockAsync("P47D"); // the 14-day reminders (day 46)

        var mail = await app.MailAsync(roundId);
        var byKind = mail.GroupBy(m => m!["category"].Str()).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(2, byKind[EmailKind.QuestionnaireIssued]);
        Assert.Equal(2, byKind[EmailKind.Reminder]);
        Assert.Equal(byKind, metrics.Read("mem.emails.sent", "kind"));
        Assert.Empty(metrics.Read("mem.emails.retried", "kind"));
        Assert.Empty(metrics.Read("mem.emails.failed", "kind"));
    }

    [Fact]
    public async Task SendGridRefusingWith500_CountsEachAttemptAsRetried_ThenTheMessageAsFailed_AndTheAlertAsSent()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        fake.Behaviour = (_, _) => new FakeAnswer(500);
        var metrics = new ExportedMetrics();
        await using var app = await metrics.StartAsync(new Dictionary<string, string?>
        {
            ["Mem:Email:Mode"] = "sendgrid",
            ["Mem:Email:SendGridHost"] = fake.Address.ToString(),
            ["Mem:Email:SendGridApiKey"] = "test-key-not-a-secret",
            ["Mem:Email:RetryFor"] = "00:04:00",
            ["Mem:Email:BaseDelay"] = "00:00:10",
        });
        await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        Assert.Equal(new Dictionary<string, long> { [EmailKind.QuestionnaireIssued] = 1 }, metrics.Read("mem.emails.retried", "kind"));

        await app.AdvanceClockAsync("PT2M");
        await app.SettleAsync(roundId);
        Assert.Equal(new Dictionary<string, long> { [EmailKind.QuestionnaireIssued] = 2 }, metrics.Read("mem.emails.retried", "kind"));
        Assert.Empty(metrics.Read("mem.emails.failed", "kind"));

        await app.AdvanceClockAsync("PT2M"); // the 4-minute retry period is over: the third attempt is the last
        await app.SettleAsync(roundId);
        Assert.Equal(3, fake.Requests.Count(r => r["categories"]![1].Str() == EmailKind.QuestionnaireIssued));
        Assert.Equal(new Dictionary<string, long> { [EmailKind.QuestionnaireIssued] = 2 }, metrics.Read("mem.emails.retried", "kind"));
        Assert.Equal(new Dictionary<string, long> { [EmailKind.QuestionnaireIssued] = 1 }, metrics.Read("mem.emails.failed", "kind"));
        // The MEM Unit's alert went through the local mailbox, SendGrid being what fails.
        Assert.Equal(new Dictionary<string, long> { [DeliveryAlertEmail.Kind] = 1 }, metrics.Read("mem.emails.sent", "kind"));
    }

    [Fact]
    public async Task TheOverdueCensus_OfARealRound_IsWhatTheOverdueGaugeObserves_PerStage()
    {
        var metrics = new ExportedMetrics();
        await using var app = await metrics.StartAsync();
        await app.RegisterAsync("nce", "MEX");
        await app.RegisterAsync("nce", "JAM");
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023",
            memberStates = new[] { "MEX", "JAM" },
            schedule = new { submissionDue = MemApp.Epoch.AddDays(30) },
        });
        await app.Service<OverdueCensus>().ReportAsync();
        Assert.Equal(0, metrics.Read("mem.evaluations.overdue", "stage")["issued"]);

        await app.AdvanceClockAsync("P31D");
        var census = await app.Service<OverdueCensus>().ReportAsync();

        var round = await (await app.Admin().GetAsync($"/api/rounds/{roundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.All(round["countries"]!.AsArray(), c => Assert.True(c!["overdue"]!.GetValue<bool>()));
        var observed = metrics.Read("mem.evaluations.overdue", "stage");
        Assert.Equal(2, observed["issued"]);
        Assert.Equal(0, observed["inReview"]);
        Assert.Equal(census.ToDictionary(c => c.Key, c => (long)c.Value), observed);
        Assert.DoesNotContain("published", observed.Keys);
    }

    [Fact]
    public async Task TheGauges_ObserveTheLatestReport_AndStepFailuresAreCountedPerOrchestration()
    {
        var metrics = new ExportedMetrics();
        await using var app = await metrics.StartAsync();
        var mem = app.Service<MemMetrics>();

        mem.ReportOpenIncidents(new Dictionary<string, int> { ["delivery"] = 1, ["workflow"] = 3 });
        Assert.Equal(new Dictionary<string, long> { ["delivery"] = 1, ["workflow"] = 3 }, metrics.Read("mem.incidents.open", "kind"));
        mem.ReportOpenIncidents(new Dictionary<string, int> { ["delivery"] = 0, ["workflow"] = 1 });
        Assert.Equal(new Dictionary<string, long> { ["delivery"] = 0, ["workflow"] = 1 }, metrics.Read("mem.incidents.open", "kind"));

        mem.ReportOverdue(new Dictionary<string, int> { ["issued"] = 4 });
        Assert.Equal(new Dictionary<string, long> { ["issued"] = 4 }, metrics.Read("mem.evaluations.overdue", "stage"));

        mem.WorkflowStepFailed("EvaluationOrchestrator");
        mem.WorkflowStepFailed("EvaluationOrchestrator");
        mem.WorkflowStepFailed("RoundOrchestrator");
        Assert.Equal(new Dictionary<string, long> { ["EvaluationOrchestrator"] = 2, ["RoundOrchestrator"] = 1 },
            metrics.Read("mem.workflow.step_failures", "orchestration"));
    }

    [Fact]
    public async Task TwoAppsInOneProcess_EachExportsOnlyWhatItsOwnMeterCounted()
    {
        var first = new ExportedMetrics();
        var second = new ExportedMetrics();
        await using var one = await first.StartAsync();
        await using var other = await second.StartAsync();

        other.Service<MemMetrics>().EmailSent(EmailKind.Reminder);
        one.Service<MemMetrics>().EmailSent(EmailKind.Overdue);

        Assert.Equal(new Dictionary<string, long> { [EmailKind.Overdue] = 1 }, first.Read("mem.emails.sent", "kind"));
        Assert.Equal(new Dictionary<string, long> { [EmailKind.Reminder] = 1 }, second.Read("mem.emails.sent", "kind"));
    }

    [Fact]
    public async Task WithAnApplicationInsightsConnectionString_TheAppsMetricsAndLogsGoToItsIngestionEndpoint()
    {
        await using var ingestion = await FakeIngestion.StartAsync();
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { [Telemetry.ConnectionStringKey] = ingestion.ConnectionString });
        app.Service<MemMetrics>().EmailSent(EmailKind.Reminder);
        app.Service<MeterProvider>().ForceFlush();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(ingestion.Items.Any(i => i.Contains("\"mem.emails.sent\"", StringComparison.Ordinal))
            && ingestion.Items.Any(i => i.Contains("MessageData", StringComparison.Ordinal))))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Received {ingestion.Items.Count} items:\n{string.Join('\n', ingestion.Items.Take(10))}");
            await Task.Delay(200);
        }
        var metric = ingestion.Items.First(i => i.Contains("\"mem.emails.sent\"", StringComparison.Ordinal));
        Assert.Contains("\"kind\":\"reminder\"", metric);
    }
}
