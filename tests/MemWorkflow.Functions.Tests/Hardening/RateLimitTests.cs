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
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1) - (DateTime.UtcNow - started) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await app.Client((await app.RegisterAsync("nce", "COL")).Token).GetAsync("/api/me")).StatusCode);
    }
}
