using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemWorkflow.Resilience.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MemWorkflow.Resilience.Tests.Load;

/// <summary>100 NCE users, signed in through emailed links, save answers on 10 evaluations for 60 s
/// against the local host as its own process, each save with If-Match from what the user last read
/// (on 412: read again, save again). Meanwhile the MEM Unit sends 20 conflicting deadline extensions to
/// one evaluation at once, and a scraper runs past the public endpoints' rate limit.</summary>
public sealed partial class LoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Epoch = LoadHost.Epoch;
    private static readonly string[] States = ["ARG", "BRA", "CHL", "COL", "CRI", "ECU", "GTM", "MEX", "PER", "URY"];
    private const int UsersPerState = 10;
    private const int AnonymousPerMinute = 40;

    private LoadHost host = null!;

    public async Task InitializeAsync() => host = await LoadHost.StartAsync("load", new Dictionary<string, string>
    {
        // Low, so that one phase proves what happens past it; every user signs in from its own address.
        ["Mem__Limits__AnonymousRequestsPerMinute"] = $"{AnonymousPerMinute}",
        // 100 users sign in within seconds at set-up: past the app's sign-in budget (ten a second), which
        // SignInFloodTests is about, not this suite.
        ["Mem__SignIn__MaxRequestsPerMinute"] = "60000",
    });

    public async Task DisposeAsync()
    {
        if (host is not null)
            await host.DisposeAsync();
    }

    private sealed record User(string Email, string MemberState, string Address, string Token);

    /// <summary>A 2xx save: the version it answered, the version it was made from, and what it wrote.</summary>
    private sealed record Ack(string MemberState, string PriorityAction, int Version, int? From, string Text);

    [Fact]
    public async Task HundredNceUsersSavingForAMinute_LoseNoUpdate_NeverAnswer5xx_AndPastTheRateLimitGet429WithRetryAfter()
    {
        var suite = Stopwatch.StartNew();
        using var client = new LoadClient(host.Address);
        var (users, roundId) = await SetUpAsync(client);
        var setUp = suite.Elapsed;
        var items = (await client.ExpectAsync("read", HttpMethod.Get, $"/api/rounds/{roundId}/countries/{States[0]}/questionnaire", host.AdminToken, HttpStatusCode.OK))
            ["items"]!.AsArray().Select(i => i!["priorityActionId"]!.GetValue<string>()).ToList();

        var acks = new ConcurrentBag<Ack>();
        var monotonic = new ConcurrentBag<string>();
        var stopAt = Stopwatch.StartNew();
        var load = users.Select((user, i) => Task.Run(() => SaveLoopAsync(client, roundId, user, i, items, acks, monotonic, stopAt))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(15));
        var scraper = await ScrapeAsync(client);
        await Task.Delay(TimeSpan.FromSeconds(15));
        var extensions = await ExtendAtOnceAsync(client, roundId, States[0]);
        await Task.WhenAll(load);
        var loaded = stopAt.Elapsed;

        var final = await VerifyAsync(client, roundId, acks);
        var saves = client.Requests.Where(r => r.Kind == "save").ToList();
        var all = client.Requests.ToList();
        output.WriteLine($"Set-up (100 NCE users registered and signed in, a 10-state round started): {setUp.TotalSeconds:F1} s; load {loaded.TotalSeconds:F1} s; " +
            $"suite {suite.Elapsed.TotalSeconds:F1} s.");
        output.WriteLine($"All requests: {Figures(all)}");
        output.WriteLine($"Saves: {Figures(saves)}; {acks.Count} acknowledged, {acks.Count / loaded.TotalSeconds:F1}/s; " +
            $"{final} answers stored, each at the version and text of its last acknowledged save.");
        output.WriteLine($"Reads: {Figures(all.Where(r => r.Kind == "read").ToList())}");
        output.WriteLine($"Scraper past {AnonymousPerMinute}/min: {scraper.Ok} x 200, {scraper.Limited} x 429 (Retry-After {scraper.RetryAfterMin}-{scraper.RetryAfterMax} s); " +
            "another address still 200.");
        output.WriteLine($"20 concurrent extensions: {extensions.Accepted} x 200, {20 - extensions.Accepted} x 409; history and due date agree.");

        Assert.Empty(monotonic);
        Assert.DoesNotContain(all, r => r.Status >= 500 || r.Status == 0);
        Assert.True(acks.Count > 1000, $"Only {acks.Count} saves were acknowledged in {Duration.TotalSeconds:0} s.");
        Assert.Contains(saves, r => r.Status == 412);
    }

    private static string Figures(IReadOnlyList<Timed> requests)
    {
        var ms = requests.Select(r => r.Milliseconds).Order().ToList();
        double P(double q) => ms.Count == 0 ? 0 : ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        var byStatus = string.Join(", ", requests.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
        return $"{requests.Count} requests ({byStatus}); p50 {P(0.50):F0} ms, p95 {P(0.95):F0} ms, p99 {P(0.99):F0} ms, max {(ms.Count == 0 ? 0 : ms[^1]):F0} ms";
    }

    /// <summary>Registers 10 NCE users per state as the MEM Unit, has each sign in with the link emailed to
    /// it (from an address of its own), and starts the round.</summary>
    private async Task<(List<User> Users, string RoundId)> SetUpAsync(LoadClient client)
    {
        var registrations = States.SelectMany(ms => Enumerable.Range(1, UsersPerState).Select(i => (ms, i))).ToList();
        var users = new ConcurrentBag<User>();
        await Parallel.ForEachAsync(registrations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, _) =>
        {
            var (ms, i) = r;
            var email = $"nce{i}.{ms.ToLowerInvariant()}@example.org";
            var from = new Dictionary<string, string> { ["X-Forwarded-For"] = $"127.0.1.{registrations.IndexOf(r) + 1}" };
            var token = await host.SignInAsync(client, email, ms, $"NCE {i} of {ms}", from);
            users.Add(new User(email, ms, from["X-Forwarded-For"], token));
        });

        var roundId = await host.StartRoundAsync(client, States);
        return (users.OrderBy(u => u.Email, StringComparer.Ordinal).ToList(), roundId);
    }

    /// <summary>One NCE user for the load's duration: read the questionnaire, then save a random priority
    /// action with If-Match from the version last seen (none for an answer not seen yet); on 412 read again
    /// and save again. Every 2xx is kept, and every version the user sees of an item must not go back.</summary>
    private static async Task SaveLoopAsync(LoadClient client, string roundId, User user, int index, IReadOnlyList<string> items,
        ConcurrentBag<Ack> acks, ConcurrentBag<string> monotonic, Stopwatch clock)
    {
        var random = new Random(index);
        var path = $"/api/rounds/{roundId}/countries/{user.MemberState}";
        var known = new Dictionary<string, int>();
        void See(string priorityAction, int version, string how)
        {
            if (known.TryGetValue(priorityAction, out var seen) && version < seen)
                monotonic.Add($"{user.Email} saw {priorityAction} at version {version} ({how}) after version {seen}");
            known[priorityAction] = version;
        }
        async Task ReadAsync()
        {
            var questionnaire = await client.ExpectAsync("read", HttpMethod.Get, $"{path}/questionnaire", user.Token, HttpStatusCode.OK);
            foreach (var item in questionnaire["items"]!.AsArray())
                if (item!["answer"] is { } answer)
                    See(item["priorityActionId"]!.GetValue<string>(), answer["version"]!.GetValue<int>(), "read");
        }

        await ReadAsync();
        var saves = 0;
        while (clock.Elapsed < Duration)
        {
            var priorityAction = items[random.Next(items.Count)];
            var text = $"{user.Email} save {++saves}: the national drug authority reports progress on {priorityAction}.";
            while (clock.Elapsed < Duration)
            {
                int? from = known.TryGetValue(priorityAction, out var v) ? v : null;
                var headers = from is null ? null : new Dictionary<string, string> { ["If-Match"] = $"\"{from}\"" };
                var saved = await client.SendAsync("save", HttpMethod.Put, $"{path}/answers/{priorityAction}", user.Token,
                    new { status = "notImplemented", text, documentIds = Array.Empty<string>() }, headers);
                if (saved.Status == HttpStatusCode.OK)
                {
                    var version = saved.Body!["version"]!.GetValue<int>();
                    Assert.Equal($"\"{version}\"", saved.Response.Headers.ETag?.Tag);
                    if (version != (from ?? 0) + 1)
                        monotonic.Add($"{user.Email} saved {priorityAction} from version {from} and got version {version}");
                    See(priorityAction, version, "save");
                    acks.Add(new Ack(user.MemberState, priorityAction, version, from, text));
                    break;
                }
                // 412: someone saved it since; 409: the evaluation changed under too many writers at once. Read, save again.
                Assert.True(saved.Status is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict,
                    $"A save answered {(int)saved.Status}: {saved.Body?.ToJsonString()}");
                await ReadAsync();
            }
            await Task.Delay(random.Next(20, 100));
        }
    }

    private sealed record Scrape(int Ok, int Limited, int RetryAfterMin, int RetryAfterMax);

    /// <summary>One address asks for the catalogue 100 times, 10 at a time, past the anonymous limit: past
    /// it, 429 with Retry-After, and another address is still served at once.</summary>
    private static async Task<Scrape> ScrapeAsync(LoadClient client)
    {
        var scraper = new Dictionary<string, string> { ["X-Forwarded-For"] = "127.0.2.1" };
        var answers = new ConcurrentBag<LoadClient.Answer>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (_, _) =>
            answers.Add(await client.SendAsync("public", HttpMethod.Get, "/api/catalogue", null, headers: scraper)));
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        var limited = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(answers.Count - limited.Count, AnonymousPerMinute, 2 * AnonymousPerMinute);
        Assert.True(limited.Count >= 100 - 2 * AnonymousPerMinute, $"Only {limited.Count} of 100 requests past the limit were refused.");
        var waits = limited.Select(a => a.Response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero).ToList();
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.All(limited, a => Assert.Equal(429, a.Body!["status"]!.GetValue<int>()));
        await client.ExpectAsync("public", HttpMethod.Get, "/api/catalogue", null, HttpStatusCode.OK, headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "127.0.2.2" });
        return new Scrape(answers.Count - limited.Count, limited.Count, (int)waits.Min().TotalSeconds, (int)waits.Max().TotalSeconds);
    }

    private sealed record Extensions(int Accepted);

    /// <summary>20 extensions of one evaluation's deadline at once, each to another date: each is answered
    /// 200 or 409, the history has one event per 200, and the due date is the latest accepted one.</summary>
    /// <summary>An evaluation's whole history: the API pages it (the newest events first), so follow
    /// <c>historyEarlier</c> to its start.</summary>
    private async Task<List<JsonNode>> WholeHistoryAsync(LoadClient client, string roundId, string ms)
    {
        var all = new List<JsonNode>();
        for (string? next = $"/api/rounds/{roundId}/countries/{ms}?historyPageSize=1000"; next is not null;)
        {
            var page = await client.ExpectAsync("read", HttpMethod.Get, next, host.AdminToken, HttpStatusCode.OK);
            all.InsertRange(0, page["history"]!.AsArray().Select(h => h!));
            next = page["historyEarlier"]?.GetValue<string>();
        }
        return all;
    }

    private async Task<Extensions> ExtendAtOnceAsync(LoadClient client, string roundId, string ms)
    {
        var dues = Enumerable.Range(1, 20).Select(i => Epoch.AddDays(90).AddHours(i)).OrderBy(_ => Random.Shared.Next()).ToList();
        var answers = await Task.WhenAll(dues.Select(async due => (due, answer: await client.SendAsync("extension", HttpMethod.Post,
            $"/api/rounds/{roundId}/countries/{ms}/extension", host.AdminToken, new { due, reason = $"Extension to {due:O}" }))));
        Assert.All(answers, a => Assert.Contains(a.answer.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(answers.Where(a => a.answer.Status == HttpStatusCode.Conflict), a => Assert.Equal(409, a.answer.Body!["status"]!.GetValue<int>()));
        var accepted = answers.Where(a => a.answer.Status == HttpStatusCode.OK).Select(a => a.due).ToList();
        Assert.NotEmpty(accepted);
        var evaluation = await client.ExpectAsync("read", HttpMethod.Get, $"/api/rounds/{roundId}/countries/{ms}", host.AdminToken, HttpStatusCode.OK);
        Assert.Equal(accepted.Count, evaluation["history"]!.AsArray().Count(h => h!["type"]!.GetValue<string>() == "deadlineExtended"));
        Assert.Equal(accepted.Max(), evaluation["due"]!.GetValue<DateTimeOffset>());
        return new Extensions(accepted.Count);
    }

    /// <summary>No lost update: per answer, the acknowledged versions are exactly 1..n (one per 2xx, none
    /// twice, none missing), each made from the one before; the stored answer is version n with the text
    /// of that save; the history has one answerSaved per acknowledged save. Answers how many were checked.</summary>
    private async Task<int> VerifyAsync(LoadClient client, string roundId, IEnumerable<Ack> acks)
    {
        var byItem = acks.GroupBy(a => (a.MemberState, a.PriorityAction)).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Version).ToList());
        var checkedAnswers = 0;
        foreach (var ms in States)
        {
            var stored = (await client.ExpectAsync("read", HttpMethod.Get, $"/api/rounds/{roundId}/countries/{ms}/questionnaire", host.AdminToken, HttpStatusCode.OK))
                ["items"]!.AsArray().ToDictionary(i => i!["priorityActionId"]!.GetValue<string>(), i => i!["answer"]);
            var history = (await WholeHistoryAsync(client, roundId, ms))
                .Where(h => h!["type"]!.GetValue<string>() == "answerSaved")
                .Select(h => SavedSummary().Match(h!["summary"]!.GetValue<string>()))
                .GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Select(m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList());
            foreach (var (priorityAction, answer) in stored)
            {
                if (!byItem.TryGetValue((ms, priorityAction), out var saved))
                {
                    Assert.Null(answer);
                    Assert.False(history.ContainsKey(priorityAction), $"{ms} {priorityAction}: saved in the history, never acknowledged.");
                    continue;
                }
                var versions = saved.Select(a => a.Version).ToList();
                Assert.Equal(Enumerable.Range(1, saved.Count), versions);
                Assert.All(saved, a => Assert.Equal(a.Version == 1 ? (int?)null : a.Version - 1, a.From));
                Assert.Equal(saved[^1].Version, answer!["version"]!.GetValue<int>());
                Assert.Equal(saved[^1].Text, answer["text"]!.GetValue<string>());
                Assert.Equal(versions, history[priorityAction]);
                checkedAnswers++;
            }
        }
        Assert.Equal(byItem.Count, checkedAnswers);
        return checkedAnswers;
    }

    [GeneratedRegex(@"^Answer to (\S+) saved \(\w+, version (\d+),")]
    private static partial Regex SavedSummary();
}
