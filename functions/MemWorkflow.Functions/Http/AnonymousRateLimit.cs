using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Http;

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

    public TimeSpan? Admit(HttpContext context) => limit.Admit(ClientAddress(context, limits.Value.TrustedProxies));

    /// <summary>In Azure every request reaches the app through a front end, so the connection's address is the front
    /// end's. Each trusted proxy appends the address it was reached from to X-Forwarded-For: the client is the entry
    /// the outermost one appended, <paramref name="trustedProxies"/> from the right. Entries to its left are the
    /// client's own writing (any number of made-up addresses): never a key, so they cannot raise anyone's budget.</summary>
    public static string ClientAddress(HttpContext context, int trustedProxies)
    {
        var connection = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (trustedProxies == 0)
            return connection;
        var forwarded = context.Request.Headers["X-Forwarded-For"].SelectMany(v => (v ?? "").Split(',')).Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        // Fewer entries than proxies: the request skipped a proxy (or none is there); the nearest entry, else the connection.
        var client = forwarded.Count == 0 ? connection : forwarded[Math.Max(0, forwarded.Count - trustedProxies)];
        return client.Length <= 64 ? client : connection;
    }
}

/// <summary>Each participant's requests, counted per participant after sign-in: far more than a person
/// can make, so only a runaway script meets it, and it gets a 429 instead of slowing everyone down.</summary>
public sealed class ParticipantRateLimit(IOptions<LimitsOptions> limits)
{
    private readonly FixedWindowLimit limit = new(() => limits.Value.ParticipantRequestsPerMinute);

    public TimeSpan? Admit(string participantId) => limit.Admit(participantId);
}
