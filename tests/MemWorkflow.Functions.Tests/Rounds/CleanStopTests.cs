using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using MemWorkflow.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Rounds;

/// <summary>The local host stopped as Ctrl+C or a container runtime stops it (SIGTERM): it exits cleanly
/// within 5 s, having released its Durable partition leases, so the next host on the same task hub
/// works at once instead of waiting out the 30 s lease.</summary>
public sealed class CleanStopTests(ITestOutputHelper output)
{
    private static Dictionary<string, string> Settings(string prefix, string token, Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Mem__Storage__TablePrefix"] = prefix,
            ["Mem__Storage__ContainerPrefix"] = prefix,
            ["MemTaskHub"] = prefix + "hub",
            ["Mem__BootstrapAdminToken"] = token,
            ["Mem__ManualClockStart"] = MemApp.Epoch.ToString("O"),
            // Production's lease and visibility timeouts: a lease or a message left behind would cost 30 s or 5 minutes.
            ["Mem__Durable__LeaseInterval"] = "00:00:30",
            ["Mem__Durable__WorkItemVisibilityTimeout"] = "00:05:00",
            ["Mem__Durable__ControlQueueVisibilityTimeout"] = "00:05:00",
            ["Logging__LogLevel__MemWorkflow.LocalHost.Durable"] = "Information",
        };
        foreach (var (key, value) in more ?? [])
            settings[key] = value;
        return settings;
    }

    private static (string Prefix, string Token) NewHub() =>
        ("s" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)), "stop-memunit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    private static async Task RegisterAsync(HttpClient admin, string state) =>
        await (await admin.PostJsonAsync("/api/participants", new { role = "nce", name = $"NCE of {state}", email = $"nce.{state}.{Guid.NewGuid():N}@example.org", memberState = state, languages = new[] { "en" } }))
            .JsonAsync(HttpStatusCode.Created);

    private static async Task<string> StartRoundAsync(HttpClient admin, string state)
    {
        var started = await admin.PostJsonAsync("/api/rounds", new { thematicEvaluation = "R8-2023", memberStates = new[] { state }, schedule = new { submissionDue = MemApp.Epoch.AddDays(60) } });
        return (await started.JsonAsync(HttpStatusCode.Created))["roundId"].Str();
    }

    /// <summary>SIGTERM, and the host's own word on its stop: exit code 0 within 5 s, leases released.</summary>
    private async Task<string> TerminateAsync(HostProcess host)
    {
        var stopped = await host.TerminateAsync(TimeSpan.FromSeconds(30));
        var log = host.Tail;
        await host.DisposeAsync();
        Assert.True(stopped is not null, $"The host did not exit within 30 s of SIGTERM:\n{log}");
        var (took, exitCode) = stopped.Value;
        output.WriteLine($"SIGTERM to exit: {took.TotalMilliseconds:F0} ms, exit code {exitCode}");
        output.WriteLine(string.Join('\n', log.Split('\n').Where(l => l.Contains("partition leases", StringComparison.Ordinal))));
        Assert.True(exitCode == 0, $"Exit code {exitCode}:\n{log}");
        Assert.True(took < TimeSpan.FromSeconds(5), $"The host took {took.TotalSeconds:F1} s to stop:\n{log}");
        Assert.True(log.Contains("released its partition leases", StringComparison.Ordinal)
            || log.Contains("partition leases were released: True", StringComparison.Ordinal), $"No word of the leases released:\n{log}");
        return log;
    }

    [Fact]
    public async Task SigTerm_StopsTheHostWithin5s_WithExitCode0_AndTheNextHostWakesTheWorkflowsAtOnce_NotAfterTheLease()
    {
        var (prefix, token) = NewHub();
        var first = await HostProcess.StartAsync(Settings(prefix, token));
        string roundId;
        using (var admin = first.Client(token))
        {
            await RegisterAsync(admin, "MEX");
            roundId = await StartRoundAsync(admin, "MEX");
            await admin.SettleAsync(roundId);
        }
        await TerminateAsync(first);

        var restart = Stopwatch.StartNew();
        await using var second = await HostProcess.StartAsync(Settings(prefix, token));
        var healthy = restart.Elapsed;
        using var client = second.Client(token);
        // Day 47: the 14-day reminder is due. The workflow runs only where its partition's lease is held.
        var moved = await (await client.PostJsonAsync("/api/dev/clock", new { advance = "P47D" })).JsonAsync(HttpStatusCode.OK);
        var resumed = restart.Elapsed;
        output.WriteLine($"Restart: healthy after {healthy.TotalMilliseconds:F0} ms, the workflow woke and planned at the new time " +
            $"{resumed.TotalMilliseconds:F0} ms after the start (lease interval 30 s)");
        Assert.True(moved["settled"]!.GetValue<bool>(), $"The workflow did not plan at the new time:\n{second.Tail}");
        Assert.True(resumed < TimeSpan.FromSeconds(15), $"The next host took {resumed.TotalSeconds:F1} s to resume the workflow:\n{second.Tail}");
        var mail = await (await client.GetAsync($"/api/dev/mail?roundId={roundId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["questionnaireIssued", "reminder"], mail.AsArray().Select(m => m!["category"].Str()).Order());
    }

    [Fact]
    public async Task SigTerm_WhileAnEmailSendHangs_StillStopsWithin5s_ReleasingTheLeases_SoTheNextHostRunsANewRoundAtOnce()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        // The first message takes 20 s to answer: its delivery activity is in hand when the host is stopped.
        sendGrid.Behaviour = (n, _) => n == 1 ? FakeAnswer.Accepted with { Delay = TimeSpan.FromSeconds(20) } : FakeAnswer.Accepted;
        var (prefix, token) = NewHub();
        var settings = Settings(prefix, token, new()
        {
            ["Mem__Email__Mode"] = "sendgrid",
            ["Mem__Email__SendGridHost"] = sendGrid.Address.ToString(),
            ["Mem__Email__SendGridApiKey"] = "test-key-not-a-secret",
        });
        var first = await HostProcess.StartAsync(settings);
        using (var admin = first.Client(token))
        {
            await RegisterAsync(admin, "MEX");
            await RegisterAsync(admin, "COL");
            await StartRoundAsync(admin, "MEX");
        }
        var deadline = Stopwatch.StartNew();
        while (sendGrid.Requests.IsEmpty)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), $"No email was sent:\n{first.Tail}");
            await Task.Delay(20);
        }
        var log = await TerminateAsync(first);
        Assert.Contains("partition leases were released: True", log);

        var restart = Stopwatch.StartNew();
        await using var second = await HostProcess.StartAsync(settings);
        using var client = second.Client(token);
        await StartRoundAsync(client, "COL");
        while (!sendGrid.Delivered.Any(b => b["personalizations"]![0]!["custom_args"]!["memberState"].Str() == "COL"))
        {
            Assert.True(restart.Elapsed < TimeSpan.FromSeconds(15), $"The next host took over 15 s to issue a new round's questionnaire:\n{second.Tail}");
            await Task.Delay(20);
        }
        output.WriteLine($"Restart: a new round's questionnaire was delivered {restart.Elapsed.TotalMilliseconds:F0} ms after the next host's start (lease interval 30 s)");
    }
}
