using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace MemWorkflow.Resilience.Tests.Load;

/// <summary>20 signed-in NCE users read and save answers (a turn every 100-300 ms each) for 2.5 s, then for 2.5 s more while a flood of
/// sign-in requests comes from a thousand addresses (each under the per-address limit, together five times the app's budget), and
/// all that six times: the users' p95 latency under the flood stays within 1.5x of the p95 without it. Sign-in bookkeeping is kept apart from the participants every
/// signed-in request reads, and past the app's sign-in budget a request is refused before any storage work.</summary>
public sealed class SignInFloodTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(2.5);
    // Short phases, many turns: a few seconds of something else on the machine (a host of the previous test still
    // stopping) then weigh on both alike. With two turns of 7.5 s, a fresh-clone CI measured a ratio of 2.11 where
    // the test alone measured 1.29 and 1.34.
    private const int Turns = 6;
    private const int Users = 20;
    // The flood's pace: 50 requests a second (five times the app's sign-in budget), 20 at a time, each from one of
    // 1,000 addresses. At 200 a second the users' p95 doubled on a 2-core machine, and as much with all but 5 of them
    // refused at the budget: there the cost is the HTTP handling of 200 refusals a second on the cores the users
    // share with the flood's own client, which a front end's limits meet in Azure, not sign-in's storage work.
    private const int FloodPerSecond = 50;

    private LoadHost host = null!;

    public async Task InitializeAsync() => host = await LoadHost.StartAsync("flood", new Dictionary<string, string>());

    public async Task DisposeAsync()
    {
        if (host is not null)
            await host.DisposeAsync();
    }

    [Fact]
    public async Task ASignInFloodFromManyAddresses_DoesNotSlowSignedInUsers()
    {
        using var client = new LoadClient(host.Address);
        var (tokens, roundId) = await SetUpAsync(client);
        var items = (await client.ExpectAsync("setup", HttpMethod.Get, $"/api/rounds/{roundId}/countries/MEX/questionnaire", host.AdminToken, HttpStatusCode.OK))
            ["items"]!.AsArray().Select(i => i!["priorityActionId"]!.GetValue<string>()).ToList();
        var versions = new int?[Users];

        // Quiet and flooded in turn, so that a passing hiccup of the machine weighs on both alike. The clients time the
        // app from this process, which the suite's earlier tests left with a large heap: its collections are done
        // first, and kept short while the clock runs, so that they are not what is measured.
        using var flooder = new LoadClient(host.Address);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var latency = System.Runtime.GCSettings.LatencyMode;
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        try
        {
            for (var turn = 0; turn < Turns; turn++)
            {
                await WorkAsync(client, tokens, roundId, items, versions, "quiet");
                using var stop = new CancellationTokenSource();
                var flood = Task.Run(() => FloodAsync(flooder, stop.Token));
                await WorkAsync(client, tokens, roundId, items, versions, "flooded");
                await stop.CancelAsync();
                await flood;
            }
        }
        finally
        {
            System.Runtime.GCSettings.LatencyMode = latency;
        }
        List<double> Latencies(string kind) => client.Requests.Where(r => r.Kind == kind).Select(r => r.Milliseconds).ToList();
        var (quiet, flooded) = (Latencies("quiet"), Latencies("flooded"));

        var floodAnswers = flooder.Requests.ToList();
        var byStatus = string.Join(", ", floodAnswers.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        output.WriteLine($"Signed-in users without the flood: {quiet.Count} requests, p50 {P(quiet, 0.5):F0} ms, p95 {P(quiet, 0.95):F0} ms.");
        output.WriteLine($"With the flood: {flooded.Count} requests, p50 {P(flooded, 0.5):F0} ms, p95 {P(flooded, 0.95):F0} ms; " +
            $"ratio of p95s {P(flooded, 0.95) / P(quiet, 0.95):F2}.");
        output.WriteLine($"The flood: {floodAnswers.Count} sign-in requests in {Turns * Phase.TotalSeconds:0} s ({byStatus}), p95 {P(floodAnswers.Select(r => r.Milliseconds).ToList(), 0.95):F0} ms.");

        Assert.DoesNotContain(floodAnswers, r => r.Status >= 500 || r.Status == 0);
        // Past the app's budget (600 a minute by default, ten a second) the flood was refused.
        Assert.Contains(floodAnswers, r => r.Status == 429);
        Assert.True(P(flooded, 0.95) <= 1.5 * P(quiet, 0.95),
            $"Under the flood the users' p95 was {P(flooded, 0.95):F0} ms, more than 1.5x the {P(quiet, 0.95):F0} ms without it.");
    }

    /// <summary>Every user, pausing 100-300 ms before each turn, reads its questionnaire and saves its own priority
    /// action, for one phase (the requests are timed under <paramref name="kind"/>).</summary>
    private static async Task WorkAsync(
        LoadClient client, IReadOnlyList<(string Token, string State)> users, string roundId, IReadOnlyList<string> items, int?[] versions, string kind)
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(users.Select((user, i) => Task.Run(async () =>
        {
            var path = $"/api/rounds/{roundId}/countries/{user.State}";
            var item = items[i / 2 % items.Count];
            var random = new Random(i);
            while (clock.Elapsed < Phase)
            {
                // A person (or the portal's autosave) pauses between requests: the machine is busy, not saturated.
                await Task.Delay(random.Next(100, 300));
                await client.ExpectAsync(kind, HttpMethod.Get, $"{path}/questionnaire", user.Token, HttpStatusCode.OK);
                var ifMatch = versions[i] is { } v ? new Dictionary<string, string> { ["If-Match"] = $"\"{v}\"" } : null;
                var saved = await client.SendAsync(kind, HttpMethod.Put, $"{path}/answers/{item}", user.Token,
                    new { status = "partiallyImplemented", text = $"Save {versions[i] ?? 0} of user {i}.", documentIds = Array.Empty<string>() }, ifMatch);
                // 409: ten users write one evaluation, and another's save landed at the same moment; read and save again.
                Assert.True(saved.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"A save answered {(int)saved.Status}: {saved.Body?.ToJsonString()}");
                if (saved.Status == HttpStatusCode.OK)
                    versions[i] = saved.Body!["version"]!.GetValue<int>();
            }
        })));
    }

    private static async Task FloodAsync(LoadClient flooder, CancellationToken stop)
    {
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, int.MaxValue), new ParallelOptions { MaxDegreeOfParallelism = 20, CancellationToken = stop }, async (i, token) =>
        {
            // Paced: request i waits for its moment.
            var due = TimeSpan.FromSeconds((double)Interlocked.Increment(ref sent) / FloodPerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
                await Task.Delay(due, token);
            var from = new Dictionary<string, string> { ["X-Forwarded-For"] = $"10.9.{i % 1000 / 250}.{i % 250 + 1}" };
            await flooder.SendAsync("flood", HttpMethod.Post, "/api/sign-in", null, new { email = $"someone{i}@flood.example" }, from);
        }).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>20 NCE users of two states, signed in through emailed links, and a round in which they answer.</summary>
    private async Task<(List<(string Token, string State)> Users, string RoundId)> SetUpAsync(LoadClient client)
    {
        var users = new List<(string, string)>();
        for (var i = 0; i < Users; i++)
        {
            var state = i % 2 == 0 ? "MEX" : "COL";
            users.Add((await host.SignInAsync(client, $"nce{i}.{state.ToLowerInvariant()}@example.org", state, $"NCE {i} of {state}"), state));
        }
        return (users, await host.StartRoundAsync(client, ["MEX", "COL"]));
    }

    private static double P(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }
}
