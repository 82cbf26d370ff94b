
namespace MemWorkflow.Core.Notifications;

/// <summary>Kinds of email, named as the MEM Unit would name them. Also the category a delivery
/// service tags the message with.</summary>
public static class EmailKind
{
    public const string QuestionnaireIssued = "questionnaireIssued";
    public const string DeadlineExtended = "deadlineExtended";
    public const string EvaluationWithdrawn = "evaluationWithdrawn";
    public const string Reminder = "reminder";
    public const string Overdue = "overdue";
    public const string Escalation = "escalation";
    public const string SubmissionReceived = "submissionReceived";
    public const string Assignment = "assignment";
    public const string SubmissionReady = "submissionReadyForReview";
    public const string ExpertDeclined = "expertDeclined";
    public const string ConsultantReviewRequested = "consultantReviewRequested";
    public const string ChangesRequested = "changesRequested";
    public const string CountryReview = "countryReview";
    public const string CountryCommented = "countryCommented";
    public const string ApprovalRequested = "approvalRequested";
    public const string Published = "published";
    /// <summary>To the MEM Unit: a message failed after the allowed attempts and waits in the outbox for a hand retry.</summary>
    public const string DeliveryAlert = "deliveryAlert";
    /// <summary>To the MEM Unit: an evaluation's (or a round's) workflow step has kept failing; it is retried, and may be late.</summary>
    public const string WorkflowAlert = "workflowAlert";
    /// <summary>A one-time link that signs a participant in to the portal.</summary>
    public const string SignInLink = "signInLink";
}

/// <summary>An email the workflow owes someone. Written to the outbox in the same transaction as the
/// events that cause it.</summary>
public sealed record Email(Recipient To, string Kind, string Subject, string Text, string? Html = null);

/// <summary>What every email about one country's evaluation needs to say where it comes from.</summary>
public sealed record EvaluationContext(string RoundId, string ThematicTitle, int Year, string MemberState, Uri PortalBaseUrl)
{
    public Uri EvaluationLink => new(PortalBaseUrl, $"rounds/{RoundId}/countries/{MemberState}");
}
