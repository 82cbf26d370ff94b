using System.ComponentModel.DataAnnotations;

namespace MemWorkflow.Functions.Notifications;

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
