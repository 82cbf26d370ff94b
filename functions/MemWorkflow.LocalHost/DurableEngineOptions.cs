using System.ComponentModel.DataAnnotations;

namespace MemWorkflow.LocalHost;

/// <summary><c>Mem:Durable</c>: the local host's Durable engine (the Azure Storage backend). Under the Functions host,
/// host.json's <c>durableTask</c> section sets these; here its versioning and queue polling come from host.json too
/// (<see cref="HostJson"/>), and the rest from these settings.</summary>
public sealed class DurableEngineOptions
{
    public const string Section = "Mem:Durable";

    /// <summary>The host.json whose <c>durableTask</c> versioning the engine applies: the one beside the app, or a
    /// previous release's (the upgrade tests).</summary>
    [Required]
    public string HostJson { get; set; } = LocalHost.HostJson.DefaultPath;

    /// <summary>Each partition is a control queue leased before it is polled; tests use 1 to start faster.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>Null keeps host.json's <c>storageProvider.maxQueuePollingInterval</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan? MaxQueuePollingInterval { get; set; }
}
