using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Shell.Http;

/// <summary>A fixed number of requests per key per minute, in real time (whatever the app's clock says).
/// Past it, how long until the key's window starts again: the Retry-After a client should honour.</summary>
public sealed class FixedWindowLimit(Func<int> permitsPerMinute)
{
    private const long WindowMs = 60_000;
    private const int CleanupAbove = 10_000;
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    private sealed class Window(long start)
    {
        public long Start = start;
        public int Count;
    }

    /// <summary>Null when admitted; otherwise how long to wait.</summary>
    public TimeSpan? Admit(string key)
    {
        var now = Environment.TickCount64;
        if (windows.Count > CleanupAbove)
            foreach (var (stale, _) in windows.Where(w => now - w.Value.Start >= WindowMs))
                windows.TryRemove(stale, out _);
        var window = windows.GetOrAdd(key, _ => new Window(now));
        lock (window)
        {
            if (now - window.Start >= WindowMs)
                (window.Start, window.Count) = (now, 0);
            if (window.Count < permitsPerMinute())
            {
                window.Count++;
                return null;
            }
            return TimeSpan.FromMilliseconds(Math.Max(1_000, window.Start + WindowMs - now));
        }
    }
}

/// <summary>The public endpoints (reports, catalogue, sign-in, health) take a fixed number of requests
/// per minute from one client address; past it a 429 says when to come back, instead of the app
/// collapsing under a scraper.</summary>
public sealed class AnonymousRateLimit(IOptions<LimitsOptions> limits)
{
    private readonly FixedWindowLimit limit = new(() => limits.Value.AnonymousRequestsPerMinute);

    public TimeSpan? Admit(HttpContext context) => limit.Admit(ClientAddress(context));

    /// <summary>In Azure every request reaches the app through a front end (Static Web Apps, the Functions
    /// host), so the connection's address is the front end's: the client is the first address it
    /// forwarded. A client can forge that header, which only spreads its own requests over more windows.</summary>
    private static string ClientAddress(HttpContext context) =>
        context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim() is { Length: > 0 and <= 64 } forwarded
            ? forwarded
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>Each participant's requests, counted per participant after sign-in: far more than a person
/// can make, so only a runaway script meets it, and it gets a 429 instead of slowing everyone down.</summary>
public sealed class ParticipantRateLimit(IOptions<LimitsOptions> limits)
{
    private readonly FixedWindowLimit limit = new(() => limits.Value.ParticipantRequestsPerMinute);

    public TimeSpan? Admit(string participantId) => limit.Admit(participantId);
}
