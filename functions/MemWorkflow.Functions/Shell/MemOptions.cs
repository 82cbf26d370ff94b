using System.ComponentModel.DataAnnotations;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Functions.Shell;

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

public sealed class StorageOptions
{
    public const string Section = "Mem:Storage";

    /// <summary>Used when <see cref="AccountName"/> is not set: Azurite locally, or a key-based account.</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>In Azure: the storage account reached with the app's managed identity (DefaultAzureCredential),
    /// so no account key exists anywhere. When set, the connection string is not used.</summary>
    [RegularExpression("^[a-z0-9]{3,24}$")]
    public string? AccountName { get; set; }

    /// <summary>In Azure: the account browsers upload means of verification to (its intake container), reached
    /// with the same identity. It stays public when the account above is private; unset (locally, in tests),
    /// the intake container is in the account above.</summary>
    [RegularExpression("^[a-z0-9]{3,24}$")]
    public string? IntakeAccountName { get; set; }

    /// <summary>Client id of the user-assigned managed identity to use; empty means the system-assigned one.</summary>
    public string? ClientId { get; set; }

    public bool UsesIdentity => !string.IsNullOrEmpty(AccountName);

    /// <summary>Start Azurite when the connection string points at the local emulator and nothing answers.</summary>
    public bool StartEmulator { get; set; } = true;

    /// <summary>Table name prefix, so several instances can share one storage account (tests, benchmarks).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$")]
    public string TablePrefix { get; set; } = "mem";

    /// <summary>Blob container name prefix (lower case), empty in production: containers are named as the architecture says.</summary>
    [RegularExpression("^[a-z0-9]{0,20}$")]
    public string ContainerPrefix { get; set; } = "";
}

public sealed class DocumentOptions
{
    public const string Section = "Mem:Documents";

    /// <summary>The largest means of verification accepted, in bytes (default 100 MB).</summary>
    [Range(1, 5L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long an upload URL stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after its reservation an upload that was never completed is refused and its
    /// blob deleted by the evaluation's workflow. At most 23 hours, so that an abandoned upload (or an
    /// oversized blob put to its URL) is gone within a day even when the workflow wakes an hour late.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "23:00:00")]
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromHours(12);
}

public sealed class AnswerOptions
{
    public const string Section = "Mem:Answers";

    [Range(1, 1_000_000)]
    public int MaxTextChars { get; set; } = 100_000;

    /// <summary>Narratives longer than this go to a blob, keeping answer rows far from Azure's entity limits.</summary>
    [Range(1, 30_000)]
    public int InlineTextChars { get; set; } = 8_000;
}

public sealed class EmailOptions
{
    public const string Section = "Mem:Email";

    /// <summary><c>local</c> (the development mailbox) or <c>sendgrid</c>.</summary>
    [RegularExpression("^(local|sendgrid)$", ErrorMessage = "Mem:Email:Mode is 'local' or 'sendgrid'.")]
    public string Mode { get; set; } = "local";

    public string? SendGridApiKey { get; set; }

    /// <summary>The SendGrid API's base address; tests point it at a local fake.</summary>
    public Uri SendGridHost { get; set; } = new("https://api.sendgrid.com");

    [EmailAddress]
    public string From { get; set; } = "mem@oas.org";

    public string FromName { get; set; } = "OAS/CICAD MEM Unit";

    /// <summary>How long throttling and provider faults are retried before a message is marked failed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How long messages may fail before the MEM Unit is alerted (once per incident).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AlertAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Messages of one round sent at once; each is still claimed and recorded on its own row.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay; doubled each attempt, with full jitter, up to <see cref="MaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    public bool SendGrid => Mode == "sendgrid";
}

public sealed class WorkflowOptions
{
    public const string Section = "Mem:Workflow";

    /// <summary>The longest an evaluation's workflow sleeps without news: a doorbell lost in a crash
    /// delays the reaction to a command by at most this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a workflow's step may keep failing (app time) before an incident opens and the
    /// MEM Unit is alerted, once.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AlertAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How much longer than it ever sleeps a workflow may stay quiet before the supervisor deems it
    /// stuck, terminates it and starts it again (<see cref="Rounds.StuckWorkflows"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(30);
}

public sealed class RoundDefaultsOptions
{
    public const string Section = "Mem:Rounds";

    [Range(1, 366)] public int SubmissionDays { get; set; } = 90;
    [Range(1, 366)] public int DraftDays { get; set; } = 45;
    [Range(1, 366)] public int ConsultantReviewDays { get; set; } = 14;
    [Range(1, 366)] public int RevisionDays { get; set; } = 21;
    [Range(1, 366)] public int CountryReviewDays { get; set; } = 21;
    [Range(1, 366)] public int ApprovalDays { get; set; } = 30;
    public int[] ReminderDaysBefore { get; set; } = [14, 7, 1];
    [Range(1, 366)] public int EscalationGraceDays { get; set; } = 7;
    [Range(1, 5)] public int ExpertsPerEvaluation { get; set; } = 2;

    public RoundDefaults ToDefaults() => new(SubmissionDays, DraftDays, ConsultantReviewDays, RevisionDays,
        CountryReviewDays, ApprovalDays, ReminderDaysBefore, EscalationGraceDays, ExpertsPerEvaluation);
}

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
