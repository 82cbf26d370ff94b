using System.ComponentModel.DataAnnotations;

namespace MemWorkflow.Functions.Documents;

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
