using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Hardening;

public sealed class RateLimitTests
{
    [Fact]
    public async Task ThePublicEndpoints_AnswerA429WithRetryAfter_PastTheirRate_AndParticipantsAreNotCounted()
    {
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:Limits:AnonymousRequestsPerMinute"] = "5" });
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(i % 2 == 0 ? "/api/catalogue" : "/api/reports")).StatusCode);

        var refused = await app.Client().GetAsync("/api/reports");
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("too many requests", problem["detail"].Str());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await app.Admin().GetAsync("/api/rounds")).StatusCode);

        // Behind a front end, clients are told apart by the address it forwarded.
        var elsewhere = app.Client();
        elsewhere.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7, 10.0.0.4");
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/reports")).StatusCode);
    }

    /// <summary>The front end appends the address it was reached from; whatever a client writes before it is its own
    /// invention. Made-up addresses, however many, never buy a client more requests.</summary>
    [Fact]
    public async Task MadeUpForwardedAddresses_DoNotRaiseAClientsBudget_TheFrontEndsEntryIsTheKey()
    {
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:Limits:AnonymousRequestsPerMinute"] = "5" });
        HttpClient From(string client, string invented)
        {
            var http = app.Client();
            http.DefaultRequestHeaders.Add("X-Forwarded-For", $"{invented}, {client}");
            return http;
        }
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await From("198.51.100.1", $"10.9.{i}.{i}").GetAsync("/api/catalogue")).StatusCode);
        await (await From("198.51.100.1", "10.9.99.99, 172.16.5.5").GetAsync("/api/catalogue")).ProblemAsync(HttpStatusCode.TooManyRequests);
        var only = app.Client();
        only.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.1");
        await (await only.GetAsync("/api/catalogue")).ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, (await From("198.51.100.2", "10.9.0.0").GetAsync("/api/catalogue")).StatusCode);

        // With no proxy in front (TrustedProxies 0), the header is not read at all: the connection is the client.
        await using var direct = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:Limits:AnonymousRequestsPerMinute"] = "5", ["Mem:Limits:TrustedProxies"] = "0" });
        for (var i = 0; i < 5; i++)
        {
            var http = direct.Client();
            http.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i}");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/catalogue")).StatusCode);
        }
        var sixth = direct.Client();
        sixth.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.200");
        await (await sixth.GetAsync("/api/catalogue")).ProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AParticipant_PastTheirRate_GetsA429WithTheTimeLeftInTheWindow_AndOthersAreNotSlowedDown()
    {
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:Limits:ParticipantRequestsPerMinute"] = "5" });
        var nce = app.Client((await app.RegisterAsync("nce", "MEX")).Token);
        var started = DateTime.UtcNow;
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await nce.GetAsync("/api/me")).StatusCode);

        var refused = await nce.GetAsync("/api/me");
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("more requests in the last minute than a person can", problem["detail"].Str());
        var wait = refused.Headers.RetryAfter!.Delta!.Value;
        // The time left in the window (rounded up to whole seconds), which began with the first of those requests: some
        // time after `started`, so at most the whole minute, and at least the minute less all the time since `started`.
        Assert.InRange(wait, TimeSpan.FromMinutes(1) - (DateTime.UtcNow - started) - TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await app.Client((await app.RegisterAsync("nce", "COL")).Token).GetAsync("/api/me")).StatusCode);
    }
}
