using System.ComponentModel.DataAnnotations;

namespace MemWorkflow.Functions.Http;

public sealed class LimitsOptions
{
    public const string Section = "Mem:Limits";

    /// <summary>Keeps every command's emails inside one Table transaction (100 operations).</summary>
    [Range(1, 40)] public int MaxNceUsersPerState { get; set; } = 20;
    [Range(1, 40)] public int MaxMemUnitUsers { get; set; } = 40;

    /// <summary>Requests per minute one client address may make to the public endpoints (reports,
    /// catalogue, sign-in, health); then 429 with Retry-After.</summary>
    [Range(1, 1_000_000)] public int AnonymousRequestsPerMinute { get; set; } = 300;

    /// <summary>How many proxies in front of the app append to X-Forwarded-For (Azure's front end: 1). The client is
    /// the address the outermost of them appended, counted from the right; whatever a client writes into the header
    /// itself stays to the left and is never a key. 0: the connection's own address (no proxy).</summary>
    [Range(0, 5)] public int TrustedProxies { get; set; } = 1;

    /// <summary>Requests per minute one signed-in participant may make (every endpoint); then 429 with
    /// Retry-After. Twenty a second: only a script gets there.</summary>
    [Range(1, 1_000_000)] public int ParticipantRequestsPerMinute { get; set; } = 1_200;
}
