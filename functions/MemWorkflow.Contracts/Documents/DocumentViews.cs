namespace MemWorkflow.Contracts.Documents;

public sealed record DocumentReservationRequest(string? FileName, string? ContentType, long? Length);

public sealed record DocumentReservation(string DocumentId, string FileName, Uri UploadUrl, DateTimeOffset ExpiresOn, long MaxBytes);

public sealed record VerifiedDocument(string DocumentId, string FileName, string ContentType, long Length, string Sha256, string UploadedBy, DateTimeOffset CompletedAt);

/// <summary>A means of verification and the priority actions whose answers link it.</summary>
public sealed record DocumentView(
    string DocumentId, string FileName, DocumentStatus Status, string? ContentType, long? Length, string? Sha256,
    string UploadedBy, DateTimeOffset ReservedAt, DateTimeOffset? CompletedAt, string? RejectionReason, IReadOnlyList<string> PriorityActionIds);
