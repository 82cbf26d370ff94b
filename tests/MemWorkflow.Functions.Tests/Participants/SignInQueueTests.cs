using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Participants;

/// <summary>A sign-in request is counted and queued, and the link goes out from the queue: the answer does the
/// same work for a known and an unknown address, a failed send is tried again, the whole app has a budget, and
/// expired rows go.</summary>
public sealed class SignInQueueTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AKnownAndAnUnknownAddress_AreAnsweredInTheSameTime_WithinTheNoiseOfTheMeasurement()
    {
        const int Requests = 200;
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?>
        {
            ["Mem:Limits:AnonymousRequestsPerMinute"] = "100000", ["Mem:SignIn:MaxLinksPerWindow"] = "100", ["Mem:SignIn:MaxRequestsPerMinute"] = "100000",
        });
        var known = new List<string>();
        for (var i = 0; i < Requests / 50; i++)
            known.Add((await app.RegisterAsync("nce", "MEX", name: $"Known {i}")).Email);
        var unknown = Enumerable.Range(0, Requests / 50).Select(i => $"nobody{i}@example.org").ToList();
        using var client = app.Client();

        // Interleaved, so both feel the same machine: warm-up first, then one known and one unknown in turn. Each
        // address is asked 50 times (its count row exists from the second request on, for both kinds alike).
        async Task<double> TimeAsync(string email)
        {
            var clock = Stopwatch.StartNew();
            (await client.PostJsonAsync("/api/sign-in", new { email })).EnsureSuccessStatusCode();
            return clock.Elapsed.TotalMilliseconds;
        }
        for (var i = 0; i < 20; i++)
            await TimeAsync($"warmup{i}@example.org");
        var (knownTimes, unknownTimes) = (new List<double>(), new List<double>());
        for (var i = 0; i < Requests; i++)
        {
            knownTimes.Add(await TimeAsync(known[i % known.Count]));
            unknownTimes.Add(await TimeAsync(unknown[i % unknown.Count]));
        }

        // The noise: how far apart the medians of two halves of the same kind of request fall (each kind split into its
        // even and odd requests), the larger of the two kinds'.
        var difference = Math.Abs(Median(knownTimes) - Median(unknownTimes));
        var noise = Math.Max(Math.Abs(Median(Half(knownTimes, 0)) - Median(Half(knownTimes, 1))), Math.Abs(Median(Half(unknownTimes, 0)) - Median(Half(unknownTimes, 1))));
        var mad = Math.Max(Mad(knownTimes), Mad(unknownTimes));
        output.WriteLine($"POST /api/sign-in, {Requests} each: known median {Median(knownTimes):F2} ms (p90 {Percentile(knownTimes, 0.9):F2}), " +
            $"unknown median {Median(unknownTimes):F2} ms (p90 {Percentile(unknownTimes, 0.9):F2}); difference {difference:F2} ms; " +
            $"noise (halves) {noise:F2} ms, median absolute deviation {mad:F2} ms");
        Assert.True(difference <= Math.Max(noise, mad), $"The medians differ by {difference:F2} ms, beyond the noise ({noise:F2} ms between halves, MAD {mad:F2} ms).");

        // And the links did go out, to the known addresses only.
        await app.SignInLinksSentAsync();
        var mail = (await (await app.Admin().GetAsync("/api/dev/mail?roundId=sign-in")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(Requests, mail.Count);
        Assert.All(mail, m => Assert.Contains(m!["to"].Str(), known));
    }

    [Fact]
    public async Task ALinkWhoseSendFails_IsSentAgainFromTheQueue_AndWorks()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        var refusals = 0;
        fake.Behaviour = (_, _) => Interlocked.Increment(ref refusals) <= 2 ? new FakeAnswer(503) : FakeAnswer.Accepted;
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?>
        {
            ["Mem:Email:Mode"] = "sendgrid", ["Mem:Email:SendGridHost"] = fake.Address.ToString(), ["Mem:Email:SendGridApiKey"] = "test-key-not-a-secret",
            ["Mem:Email:From"] = "mem@oas.org", ["Mem:Email:Timeout"] = "00:00:05", ["Mem:LocalHost:Queues:VisibilityTimeout"] = "00:00:01",
        });
        var nce = await app.RegisterAsync("nce", "MEX");

        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email })).JsonAsync(HttpStatusCode.Accepted);
        await app.SignInLinksSentAsync();
        var delivered = Assert.Single(fake.Delivered);
        Assert.Equal(3, refusals);
        var code = System.Text.RegularExpressions.Regex.Match(delivered.ToJsonString(), "code=([A-Za-z0-9_-]+)").Groups[1].Value;
        await (await app.Client().PostJsonAsync("/api/sessions", new { code })).JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheAppsSignInBudget_PacedBySecond_RefusesAFloodFromManyAddresses_With429AndRetryAfter()
    {
        // 60 a minute: one a second.
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:SignIn:MaxRequestsPerMinute"] = "60" });
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i => await app.Client().PostJsonAsync("/api/sign-in", new { email = $"flood{i}@example.org" })));

        var taken = answers.Count(a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.InRange(taken, 1, 2);
        var refused = answers.First(a => a.StatusCode != HttpStatusCode.Accepted);
        Assert.Contains("reach the MEM portal right now", (await refused.ProblemAsync(HttpStatusCode.TooManyRequests))["detail"].Str());
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        // Refused before any work: a count row for the addresses taken only, and nothing queued for the others.
        await app.SignInLinksSentAsync();
        Assert.Equal(taken, (await app.RowsAsync("signins")).Count);

        // A second later, the budget takes one more.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = "later@example.org" })).JsonAsync(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task ExpiredLinksAndCounts_AreDeleted()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = nce.Email })).JsonAsync(HttpStatusCode.Accepted);
        await (await app.Client().PostJsonAsync("/api/sign-in", new { email = "nobody@example.org" })).JsonAsync(HttpStatusCode.Accepted);
        await app.SignInLinksSentAsync();
        // Two counts and one link.
        Assert.Equal(3, (await app.RowsAsync("signins")).Count);

        var links = app.Service<ExpiredSignIns>();
        await links.CleanAsync();
        Assert.Equal(3, (await app.RowsAsync("signins")).Count);

        // The link lives 15 minutes, a count its hour.
        await app.AdvanceClockAsync("PT16M");
        await links.CleanAsync();
        Assert.Equal(2, (await app.RowsAsync("signins")).Count);
        await app.AdvanceClockAsync("PT45M");
        await links.CleanAsync();
        Assert.Empty(await app.RowsAsync("signins"));
    }

    /// <summary>Releases before the sign-in table kept links and counts beside the participants: a storage account they
    /// used has them deleted once, at the first start of this release, and never looked for again.</summary>
    [Fact]
    public async Task TheSignInRowsEarlierReleasesKeptBesideTheParticipants_AreDeletedOnce()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");
        var participants = app.Table("participants");
        await participants.AddEntityAsync(new TableEntity("participants", "signin|legacy") { ["ParticipantId"] = nce.Id, ["ExpiresAt"] = MemApp.Epoch });
        await participants.AddEntityAsync(new TableEntity("participants", "signin-rate|legacy") { ["Count"] = 1 });
        var directory = app.Service<ParticipantDirectory>();

        // This account already migrated at start: the rows are not looked for again.
        await directory.MigrateAsync();
        Assert.Equal(2, (await app.RowsAsync("participants")).Count(row => row.RowKey.StartsWith("signin", StringComparison.Ordinal)));

        // An account an earlier release used has no marker yet.
        await app.Table("index").DeleteEntityAsync("~index", ParticipantDirectory.SignInsMoved);
        await directory.MigrateAsync();
        Assert.DoesNotContain(await app.RowsAsync("participants"), row => row.RowKey.StartsWith("signin", StringComparison.Ordinal));
        Assert.Contains(await app.RowsAsync("participants"), row => row.RowKey == $"participant|{nce.Id}");
    }

    private static List<double> Half(List<double> times, int parity) => times.Where((_, i) => i % 2 == parity).ToList();

    private static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    private static double Mad(List<double> values)
    {
        var median = Median(values);
        return Median(values.Select(v => Math.Abs(v - median)));
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var at = p * (sorted.Count - 1);
        var (low, high) = ((int)Math.Floor(at), (int)Math.Ceiling(at));
        return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
    }
}
