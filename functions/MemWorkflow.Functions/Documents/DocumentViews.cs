using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Documents;

public sealed record DocumentReservationRequest(string? FileName, string? ContentType, long? Length);

public sealed record DocumentReservation(string DocumentId, string FileName, Uri UploadUrl, DateTimeOffset ExpiresOn, long MaxBytes);

public sealed record VerifiedDocument(string DocumentId, string FileName, string ContentType, long Length, string Sha256, string UploadedBy, DateTimeOffset CompletedAt);
