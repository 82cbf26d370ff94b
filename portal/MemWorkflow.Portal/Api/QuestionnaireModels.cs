namespace MemWorkflow.Portal.Api;

public sealed record AnswerRequest(string? Status, string Text, List<string> DocumentIds);

public sealed record AnswerView(string? Status, string Text, List<string> DocumentIds, int Version, string SavedBy, DateTimeOffset SavedAt, string? SavedByName = null)
{
    public string Saver => SavedByName ?? SavedBy;
}

public sealed record QuestionnaireItemView(
    string PriorityActionId, string PillarId, string PillarTitle, string PillarShortName, int ObjectiveNumber, string ObjectiveText, string Number, string Text,
    AnswerView? Answer);

public sealed record DocumentView(
    string DocumentId, string FileName, string Status, string? ContentType, long? Length, string? Sha256,
    string UploadedBy, DateTimeOffset ReservedAt, DateTimeOffset? CompletedAt, string? RejectionReason, List<string>? PriorityActionIds)
{
    public bool IsCompleted => Status == "completed";
}

public sealed record QuestionnaireView(
    string RoundId, string MemberState, string Stage, DateTimeOffset? Due, DateTimeOffset? SubmittedAt, bool Late,
    int Answered, List<QuestionnaireItemView> Items, List<DocumentView> Documents);

public sealed record SubmissionView(string RoundId, string MemberState, string Stage, DateTimeOffset SubmittedAt, bool Late, int Answers, int Documents);

public sealed record DocumentReservationRequest(string FileName, string ContentType, long Length);

public sealed record DocumentReservation(string DocumentId, string FileName, string UploadUrl, DateTimeOffset ExpiresOn, long MaxBytes);

public sealed record VerifiedDocument(string DocumentId, string FileName, string ContentType, long Length, string Sha256, string UploadedBy, DateTimeOffset CompletedAt);
