namespace MemWorkflow.Core.Documents;

public enum DocumentStatus
{
    /// <summary>Reserved: the upload URL was handed out, the bytes are not verified yet.</summary>
    Reserved,
    /// <summary>Present, within the size limit, of an allowed type, hashed.</summary>
    Completed,
    /// <summary>Failed verification; its blob was deleted.</summary>
    Rejected,
}

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
    string? RejectionReason = null);
