using System.Net;
using System.Net.Http.Headers;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.Functions.Tests.Replay;

namespace MemWorkflow.Functions.Tests.Catalogue;

/// <summary>Every anonymous read is cacheable: an ETag, a Cache-Control, and 304 with no body while unchanged.</summary>
public sealed class AnonymousCachingTests
{
    [Fact]
    public async Task TheReportList_Revalidates_To304_UntilAReportIsPublished()
    {
        await using var app = await MemApp.StartAsync();
        var round = await RoundDriver.StartAsync(app, "MEX");
        await app.SettleAsync(round.RoundId);
        var empty = await app.Client().GetAsync("/api/reports");
        Assert.Empty((await empty.JsonAsync(HttpStatusCode.OK)).AsArray());
        Assert.Equal("public, max-age=60", empty.Headers.CacheControl?.ToString());
        var etag = empty.Headers.ETag!;
        await AssertNotModifiedAsync(app, "/api/reports", etag);

        await RoundDriver.SubmitAsync(app, round, "MEX");
        await RoundDriver.PublishAsync(app, round, "MEX");
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/reports");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var changed = await app.Client().SendAsync(revalidate);
        Assert.Equal("MEX", Assert.Single((await changed.JsonAsync(HttpStatusCode.OK)).AsArray())!["report"]!["memberState"].Str());
        Assert.NotEqual(etag, changed.Headers.ETag);
        await AssertNotModifiedAsync(app, "/api/reports", changed.Headers.ETag!);
        // Another answer (here a page size the client chose that changes nothing) is compared by what it says.
        Assert.Equal(changed.Headers.ETag, (await app.Client().GetAsync("/api/reports?pageSize=5")).Headers.ETag);
    }

    [Fact]
    public async Task TheCatalogue_Revalidates_To304()
    {
        await using var app = await MemApp.StartAsync();
        var catalogue = await app.Client().GetAsync("/api/catalogue");
        await catalogue.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("public, max-age=3600", catalogue.Headers.CacheControl?.ToString());
        await AssertNotModifiedAsync(app, "/api/catalogue", catalogue.Headers.ETag!);
        Assert.Equal(catalogue.Headers.ETag, (await app.Client().GetAsync("/api/catalogue")).Headers.ETag);
    }

    private static async Task AssertNotModifiedAsync(MemApp app, string path, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        request.Headers.IfNoneMatch.Add(etag);
        var response = await app.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, response.Headers.ETag);
    }
}
