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
    [Fact]
    public async Task SigTerm_StopsTheHostWithin5s_WithExitCode0_AndTheNextHostWakesTheWorkflowsAtOnce_NotAfterTheLease()
    {
        var prefix = "s" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var token = "stop-memunit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
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

        var first = await HostProcess.StartAsync(settings);
        string roundId;
        using (var admin = first.Client(token))
        {
            await (await admin.PostJsonAsync("/api/participants", new { role = "nce", name = "NCE of Mexico", email = "nce.stop@example.org", memberState = "MEX", languages = new[] { "en" } }))
                .JsonAsync(HttpStatusCode.Created);
            var started = await admin.PostJsonAsync("/api/rounds", new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" }, schedule = new { submissionDue = MemApp.Epoch.AddDays(60) } });
            roundId = (await started.JsonAsync(HttpStatusCode.Created))["roundId"].Str();
            await admin.SettleAsync(roundId);
        }

        var stopped = await first.TerminateAsync(TimeSpan.FromSeconds(30));
        var stopLog = first.Tail;
        await first.DisposeAsync();
        Assert.True(stopped is not null, $"The host did not exit within 30 s of SIGTERM:\n{stopLog}");
        var (stopTime, exitCode) = stopped.Value;
        output.WriteLine($"SIGTERM to exit: {stopTime.TotalMilliseconds:F0} ms, exit code {exitCode}");
        Assert.True(exitCode == 0, $"Exit code {exitCode}:\n{stopLog}");
        Assert.True(stopTime < TimeSpan.FromSeconds(5), $"The host took {stopTime.TotalSeconds:F1} s to stop:\n{stopLog}");
        Assert.Contains("released its partition leases", stopLog);

        var restart = Stopwatch.StartNew();
        await using var second = await HostProcess.StartAsync(settings);
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
}
