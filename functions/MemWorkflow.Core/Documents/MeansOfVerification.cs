using MemWorkflow.Contracts.Documents;

namespace MemWorkflow.Core.Documents;

/// <summary>A document that proves what an NCE claims. One can support several priority actions.</summary>
public sealed record MeansOfVerification(
    string Id,
    string FileName,
    DocumentStatus Status,
    string DeclaredContentType,
    long DeclaredLength,
    string UploadedBy,
    DateTimeOffset ReservedAt,
    string? ContentType = null,
    long? Length = null,
    string? Sha256 = null,
    DateTimeOffset? CompletedAt = null,
    string? RejectionReason = null,
    DateTimeOffset? RejectedAt = null);

/// <summary>Uploads that were reserved and never completed: after <c>abandonedAfter</c> the workflow
/// refuses them (they never become evidence) and deletes whatever was uploaded.</summary>
public static class AbandonedUploads
{
    public static IReadOnlyList<MeansOfVerification> Due(IEnumerable<MeansOfVerification> documents, DateTimeOffset now, TimeSpan abandonedAfter) =>
        documents.Where(d => d.Status == DocumentStatus.Reserved && d.ReservedAt + abandonedAfter <= now).OrderBy(d => d.ReservedAt).ToList();

    /// <summary>When the next reservation still open will be abandoned, if any is open.</summary>
    public static DateTimeOffset? Next(IEnumerable<MeansOfVerification> documents, TimeSpan abandonedAfter) =>
        documents.Where(d => d.Status == DocumentStatus.Reserved).Select(d => (DateTimeOffset?)(d.ReservedAt + abandonedAfter)).Min();

    /// <summary>Documents refused within the last <paramref name="window"/>: their blob is deleted again
    /// (a no-op when it is gone) in case the process stopped between the refusal and the deletion.</summary>
    public static IReadOnlyList<MeansOfVerification> RecentlyRejected(IEnumerable<MeansOfVerification> documents, DateTimeOffset now, TimeSpan window) =>
        documents.Where(d => d.Status == DocumentStatus.Rejected && d.RejectedAt is { } at && at > now - window).ToList();

    public static string Reason(TimeSpan abandonedAfter) =>
        $"The upload was reserved but not completed within {Describe(abandonedAfter)}; whatever was uploaded was deleted. Reserve a new document to try again.";

    private static string Describe(TimeSpan span) => span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours)
        ? $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}"
        : $"{span.TotalMinutes:0.#} minutes";
}
