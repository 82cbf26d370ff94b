using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Shell.Http;

/// <summary>The public endpoints (reports, catalogue, sign-in, health) take a fixed number of requests
/// per minute from one client address; past it a 429 says when to come back, instead of the app
/// collapsing under a scraper. Participants' own requests are not counted here.</summary>
public sealed class AnonymousRateLimit(IOptions<LimitsOptions> limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.AnonymousRequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when admitted; otherwise how long to wait.</summary>
    public TimeSpan? Admit(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(ClientAddress(context));
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    /// <summary>In Azure every request reaches the app through a front end (Static Web Apps, the Functions
    /// host), so the connection's address is the front end's: the client is the first address it
    /// forwarded. A client can forge that header, which only spreads its own requests over more windows.</summary>
    private static string ClientAddress(HttpContext context) =>
        context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim() is { Length: > 0 and <= 64 } forwarded
            ? forwarded
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => limiter.Dispose();
}
