namespace MemWorkflow.LocalHost;

/// <summary><c>Mem:LocalHost</c>: how the local host runs the queue and timer triggers, where tests need them other
/// than host.json and the attributes say.</summary>
public sealed class LocalHostOptions
{
    public const string Section = "Mem:LocalHost";

    public QueueOptions Queues { get; set; } = new();

    /// <summary><c>Mem:LocalHost:Timers</c> = <c>off</c> leaves every timer idle (tests that drive the supervisor
    /// themselves). It is the value of the section whose children are <see cref="Timers"/>, which binding does not see,
    /// so it is set where the options are registered.</summary>
    public bool RunsTimers { get; set; } = true;

    /// <summary><c>Mem:LocalHost:Timers:{Function}</c>: another NCRONTAB schedule for one timer function (the chaos
    /// suite supervises every 10 seconds).</summary>
    public Dictionary<string, string> Timers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class QueueOptions
    {
        /// <summary>A shorter wait than host.json's before a message whose function failed is offered again (tests
        /// that make a send fail); null keeps host.json's.</summary>
        public TimeSpan? VisibilityTimeout { get; set; }
    }
}
