using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Rounds;

/// <summary>The local host killed with SIGKILL in the middle of work, then started again on the same
/// storage and task hub: the Durable engine resumes every orchestration, activities in flight run again,
/// and because each decides against the aggregate, nothing is issued twice and no email is lost.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private static readonly string[] States = [.. RoundStartTests.ThirtyThree, "NIC"];

    [Fact]
    public async Task KilledDuringA34StateRoundStart_AndAgainWhileRemindersGoOut_IssuesEachQuestionnaireOnce_AndDeliversEveryEmail()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        // Each send takes a while, so a kill finds messages in flight.
        sendGrid.Behaviour = (_, _) => FakeAnswer.Accepted with { Delay = TimeSpan.FromMilliseconds(30) };
        var prefix = "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var token = "crash-memunit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Dictionary<string, string> Settings(DateTimeOffset clock) => new()
        {
            ["Mem__Storage__TablePrefix"] = prefix,
            ["Mem__Storage__ContainerPrefix"] = prefix,
            ["MemTaskHub"] = prefix + "hub",
            ["Mem__BootstrapAdminToken"] = token,
            ["Mem__ManualClockStart"] = clock.ToString("O"),
            ["Mem__Email__Mode"] = "sendgrid",
            ["Mem__Email__SendGridHost"] = sendGrid.Address.ToString(),
            ["Mem__Email__SendGridApiKey"] = "test-key-not-a-secret",
        };

        var first = await HostProcess.StartAsync(Settings(MemApp.Epoch));
        var admin = first.Client(token);
        foreach (var state in States)
            for (var i = 1; i <= 2; i++)
                await (await admin.PostJsonAsync("/api/participants", new { role = "nce", name = $"NCE {i} of {state}", email = $"nce{i}.{state}@example.org", memberState = state, languages = new[] { "en" } }))
                    .JsonAsync(HttpStatusCode.Created);

        var started = await admin.PostJsonAsync("/api/rounds", new { thematicEvaluation = "R8-2024", memberStates = States, schedule = new { submissionDue = MemApp.Epoch.AddDays(90) } });
        var roundId = (await started.JsonAsync(HttpStatusCode.Created))["roundId"].Str();
        await WaitUntilAsync(() => sendGrid.Delivered.Count >= 10, TimeSpan.FromSeconds(60));
        await first.KillAsync();
        var deliveredBeforeKill = sendGrid.Delivered.Count;
        Assert.InRange(deliveredBeforeKill, 10, 67);

        var restarted = System.Diagnostics.Stopwatch.StartNew();
        await using (var second = await HostProcess.StartAsync(Settings(MemApp.Epoch)))
        {
            var workflow = await second.Client(token).SettleAsync(roundId, TimeSpan.FromMinutes(2));
            // A message the killed host had claimed but not recorded goes again once its claim lapses (2 minutes).
            await (await second.Client(token).PostJsonAsync("/api/dev/clock", new { advance = "PT3M" })).JsonAsync(HttpStatusCode.OK);
            workflow = await second.Client(token).SettleAsync(roundId, TimeSpan.FromMinutes(1));
            output.WriteLine($"Round start: {deliveredBeforeKill} of 68 emails out at the kill; caught up {restarted.Elapsed.TotalSeconds:F1} s after the restart began; " +
                $"{sendGrid.Delivered.Count - 68} duplicates.");
            Assert.All(workflow["evaluations"]!.AsArray(), e => Assert.Equal("Running", e!["runtimeStatus"].Str()));
            var issued = await EventsAsync(second.Client(token), roundId, "questionnaireIssued");
            Assert.Equal(States.Order(), issued.Order());
            AssertEachDeliveredOnceOrTwice(sendGrid, "questionnaireIssued", 68);

            // Day 76: every NCE user is owed the 14-day reminder. Kill while they go out.
            var before = sendGrid.Delivered.Count;
            var moving = second.Client(token).PostJsonAsync("/api/dev/clock", new { advance = "P76D" });
            // (the host's clock is now Epoch + 3 minutes + 76 days)
            await WaitUntilAsync(() => sendGrid.Delivered.Count >= before + 10, TimeSpan.FromSeconds(60));
            await second.KillAsync();
            await Task.WhenAny(moving, Task.Delay(1000));
        }

        await using var third = await HostProcess.StartAsync(Settings(MemApp.Epoch.AddDays(76).AddMinutes(3)));
        // Three minutes on: every workflow whose ClockAdvanced the killed host had not raised wakes now, and
        // the claims of messages in flight at the kill lapse.
        await (await third.Client(token).PostJsonAsync("/api/dev/clock", new { advance = "PT3M" })).JsonAsync(HttpStatusCode.OK);
        await third.Client(token).SettleAsync(roundId, TimeSpan.FromMinutes(2));
        output.WriteLine($"Reminders: {sendGrid.Delivered.Count(b => b["categories"]![1].Str() == "reminder")} deliveries for 68 reminders.");
        AssertEachDeliveredOnceOrTwice(sendGrid, "reminder", 68);
        Assert.Equal(States.Length, (await EventsAsync(third.Client(token), roundId, "reminderRecorded")).Count);
        AssertEachDeliveredOnceOrTwice(sendGrid, "questionnaireIssued", 68);
    }

    /// <summary>Every message of the kind reached SendGrid; a message in flight at a kill may have gone
    /// twice (at-least-once), never more.</summary>
    private static void AssertEachDeliveredOnceOrTwice(FakeSendGrid sendGrid, string kind, int messages)
    {
        var byMessage = sendGrid.Delivered.Where(b => b["categories"]![1].Str() == kind).GroupBy(FakeSendGrid.OutboxId).ToList();
        Assert.Equal(messages, byMessage.Count);
        Assert.All(byMessage, g => Assert.InRange(g.Count(), 1, 2));
        Assert.Equal(messages, byMessage.Select(g => g.First()["personalizations"]![0]!["to"]![0]!["email"].Str()).Distinct().Count());
    }

    private static async Task<List<string>> EventsAsync(HttpClient admin, string roundId, string type)
    {
        var found = new List<string>();
        foreach (var state in States)
        {
            var evaluation = await (await admin.GetAsync($"/api/rounds/{roundId}/countries/{state}")).JsonAsync(HttpStatusCode.OK);
            found.AddRange(evaluation["history"]!.AsArray().Where(h => h!["type"].Str() == type).Select(_ => state));
        }
        return found;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out.");
            await Task.Delay(10);
        }
    }
}
