using System.ComponentModel.DataAnnotations;

namespace MemWorkflow.Functions.Participants;

public sealed class SignInOptions
{
    public const string Section = "Mem:SignIn";

    /// <summary>How long an emailed sign-in link works (once).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a portal session lasts after the link is used; then the person signs in again.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How many links one address may ask for per <see cref="RateWindow"/>: enough for a typo, too few to flood an inbox.</summary>
    [Range(1, 100)]
    public int MaxLinksPerWindow { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sign-in requests one app instance takes per minute, all addresses together, paced by the second
    /// (a sixtieth of it each second): a flood from many addresses is refused (429) before it costs storage work
    /// that signed-in users would wait behind.</summary>
    [Range(60, 600_000)]
    public int MaxRequestsPerMinute { get; set; } = 600;
}
