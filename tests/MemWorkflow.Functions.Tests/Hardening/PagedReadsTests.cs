using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Hardening;

/// <summary>Lists and histories come a page at a time, rounds and reports are found through index rows,
/// and no request reads a whole table (<see cref="StorageMetrics.TableScans"/>).</summary>
public sealed class PagedReadsTests
{
    [Fact]
    public async Task Participants_ComeAPageAtATime_FollowingTheLinkHeader_EachExactlyOnce()
    {
        await using var app = await MemApp.StartAsync();
        var registered = new List<string>();
        foreach (var state in new[] { "MEX", "COL", "PER", "CHL", "ARG", "URY", "BRA" })
            registered.Add((await app.RegisterAsync("nce", state)).Id);
        app.Service<StorageMetrics>().Reset();

        var (pages, items) = await ReadAllAsync(app.Admin(), "/api/participants?role=nce&pageSize=3");
        Assert.Equal([3, 3, 1], pages);
        Assert.Equal(registered.Order(StringComparer.Ordinal), items.Select(p => p["id"].Str()));
        Assert.All(items, p => Assert.Equal("nce", p["role"].Str()));
        var everyone = (await ReadAllAsync(app.Admin(), "/api/participants?pageSize=2")).Items;
        Assert.Equal(8, everyone.Select(p => p["id"].Str()).Distinct().Count());

        var whole = await app.Admin().GetAsync("/api/participants");
        Assert.False(whole.Headers.Contains("Link"));
        Assert.Equal(8, (await whole.JsonAsync(HttpStatusCode.OK)).AsArray().Count);
        Assert.Empty(app.Service<StorageMetrics>().TableScans);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    [InlineData("pageSize=3.5", "pageSize")]
    [InlineData("pageSize=%EF%BC%93", "pageSize")]
    [InlineData("page=not-a-cursor!", "page")]
    [InlineData("page=dG9rZW58", "page")]
    [InlineData("page=J3wnIG9yIDE9MQ", "page")]
    public async Task AForgedOrMalformedPage_Is400_ForEveryList(string query, string field)
    {
        await using var app = await MemApp.StartAsync();
        foreach (var (client, path) in new[] { (app.Admin(), "/api/participants"), (app.Admin(), "/api/rounds"), (app.Client(), "/api/reports") })
        {
            var problem = await (await client.GetAsync($"{path}?{query}")).ProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]![field] is not null, $"{path}?{query}: {problem.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Rounds_AreListedNewestFirst_ThroughTheirIndex_AndAStartThatFailedIsNotListed()
    {
        await using var app = await MemApp.StartAsync();
        var started = new List<string>();
        foreach (var thematic in new[] { "R8-2021", "R8-2022", "R8-2023" })
        {
            started.Add(await app.StartRoundAsync(new { thematicEvaluation = thematic, memberStates = new[] { "MEX" } }));
            await app.AdvanceClockAsync("PT1H");
        }
        // An index row whose round was never written (a start that stopped between the two writes).
        await app.Service<RoundIndex>().AddRoundAsync("r2024-0badf00d", MemApp.Epoch.AddHours(5), default);
        app.Service<StorageMetrics>().Reset();

        var (pages, items) = await ReadAllAsync(app.Admin(), "/api/rounds?pageSize=2");
        Assert.Equal(2, pages.Count);
        Assert.Equal(Enumerable.Reverse(started), items.Select(r => r["roundId"].Str()));
        Assert.Empty(app.Service<StorageMetrics>().TableScans);
    }

    [Fact]
    public async Task RoundsStoredBeforeTheIndex_AreIndexedOnce_AtStartUp()
    {
        await using var app = await MemApp.StartAsync();
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        var rounds = app.Table("index");
        await foreach (var row in rounds.QueryAsync<TableEntity>($"PartitionKey eq '{RoundIndex.Partition}'"))
            await rounds.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        Assert.Empty(await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK) as JsonArray ?? []);

        await app.Service<RoundIndex>().MigrateAsync(default);
        var listed = (await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(roundId, Assert.Single(listed)!["roundId"].Str());
        var marker = await rounds.GetEntityIfExistsAsync<TableEntity>(RoundIndex.Partition, "migrated|v1");
        Assert.Equal(1, marker.Value!.GetInt32("Rounds"));
    }

    [Fact]
    public async Task AnEvaluationsHistory_IsPaged_NewestFirstPage_AndTheEarlierPagesJoinUpExactly()
    {
        await using var app = await MemApp.StartAsync();
        var nceUser = await app.RegisterAsync("nce", "MEX");
        var nce = app.Client(nceUser.Token);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        for (var i = 0; i < 6; i++)
            await (await nce.SaveAnswerAsync(roundId, "MEX", "IS-1.1", "notImplemented", $"Draft {i}.", ifMatch: i == 0 ? null : i)).JsonAsync(HttpStatusCode.OK);

        var whole = (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK));
        Assert.Null(whole["historyEarlier"]);
        var all = whole["history"]!.AsArray().Select(h => h!["version"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(1, 7), all);

        var collected = new List<int>();
        string? next = $"/api/rounds/{roundId}/countries/MEX?historyPageSize=3";
        var pages = 0;
        while (next is not null)
        {
            var page = await (await nce.GetAsync(next)).JsonAsync(HttpStatusCode.OK);
            var versions = page["history"]!.AsArray().Select(h => h!["version"]!.GetValue<int>()).ToList();
            Assert.InRange(versions.Count, 1, 3);
            collected.InsertRange(0, versions);
            next = page["historyEarlier"]?.GetValue<string>();
            pages++;
        }
        Assert.Equal(3, pages);
        Assert.Equal(all, collected);

        foreach (var bad in new[] { "historyPageSize=0", "historyPageSize=1001", "historyBefore=1", "historyBefore=x", "historyBefore=99999999999" })
            await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX?{bad}")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static async Task<(List<int> Pages, List<JsonNode> Items)> ReadAllAsync(HttpClient client, string first)
    {
        var (pages, items) = (new List<int>(), new List<JsonNode>());
        for (string? next = first; next is not null;)
        {
            var response = await client.GetAsync(next);
            var page = (await response.JsonAsync(HttpStatusCode.OK)).AsArray();
            pages.Add(page.Count);
            items.AddRange(page.Select(p => p!));
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Single().Split(';')[0].Trim('<', '>', ' ')
                : null;
            Assert.True(pages.Count < 20, "The Link headers never end.");
        }
        return (pages, items);
    }
}
