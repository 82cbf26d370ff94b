using System.ComponentModel.DataAnnotations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions;

public sealed class MemOptions
{
    public const string Section = "Mem";

    /// <summary>If set, a MEM Unit participant with this token exists at start-up.</summary>
    [MinLength(16)]
    public string? BootstrapAdminToken { get; set; }

    /// <summary>The bootstrap MEM Unit user's email address: where its alerts and notices go. Unset, the user gets
    /// a placeholder that is never written to (<see cref="Participants.ParticipantDirectory.NoAddress"/>), and
    /// <c>/api/health</c> says so.</summary>
    public string? BootstrapAdminEmail { get; set; }

    /// <summary>The bootstrap user's address as set, or null when unset, empty or not an address.</summary>
    public string? BootstrapAddress => BootstrapAdminEmail?.Trim() is { Length: > 2 } email && email.IndexOf('@', StringComparison.Ordinal) > 0
        && !email.EndsWith('@') && !email.Any(char.IsWhiteSpace) ? email : null;

    /// <summary><c>system</c> or <c>manual</c> (enables <c>POST /api/dev/clock</c>).</summary>
    [RegularExpression("^(system|manual)$")]
    public string Clock { get; set; } = "system";

    /// <summary>Where people open the portal; links in emails start here.</summary>
    [Required]
    public Uri PortalBaseUrl { get; set; } = new("http://localhost:5080/");

    /// <summary>The manual clock and the local mailbox are for development and tests: in the Production
    /// environment the app refuses to start with either unless this says they are wanted there.</summary>
    public bool AllowDevelopmentFeaturesInProduction { get; set; }

    public bool ManualClock => Clock == "manual";
}
