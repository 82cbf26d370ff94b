using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemWorkflow.Portal.Api;

/// <summary>Source-generated JSON: trimming keeps what the portal reads, and no reflection warnings
/// (they are errors here) come from the serializer.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(Nothing))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SignInAccepted))]
[JsonSerializable(typeof(SignInLinkPreview))]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(NewSession))]
[JsonSerializable(typeof(Me))]
[JsonSerializable(typeof(Catalogue))]
[JsonSerializable(typeof(AnswerRequest))]
[JsonSerializable(typeof(AnswerView))]
[JsonSerializable(typeof(QuestionnaireView))]
[JsonSerializable(typeof(SubmissionView))]
[JsonSerializable(typeof(List<DocumentView>))]
[JsonSerializable(typeof(DocumentReservationRequest))]
[JsonSerializable(typeof(DocumentReservation))]
[JsonSerializable(typeof(VerifiedDocument))]
[JsonSerializable(typeof(SummaryRequest))]
[JsonSerializable(typeof(SummaryView))]
[JsonSerializable(typeof(DraftView))]
[JsonSerializable(typeof(StageView))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(DraftCommentRequest))]
[JsonSerializable(typeof(ApprovalRequest))]
[JsonSerializable(typeof(ReasonRequest))]
[JsonSerializable(typeof(ReportLinks))]
[JsonSerializable(typeof(List<PublishedReportView>))]
[JsonSerializable(typeof(List<RoundSummary>))]
[JsonSerializable(typeof(RoundView))]
[JsonSerializable(typeof(EvaluationView))]
[JsonSerializable(typeof(RoundWorkflowView))]
[JsonSerializable(typeof(RoundRequest))]
[JsonSerializable(typeof(ExtensionRequest))]
[JsonSerializable(typeof(List<OutboxMessage>))]
[JsonSerializable(typeof(OutboxRetried))]
[JsonSerializable(typeof(List<Incident>))]
[JsonSerializable(typeof(ProposalRequest))]
[JsonSerializable(typeof(ProposalView))]
[JsonSerializable(typeof(AssignmentView))]
[JsonSerializable(typeof(List<MyAssignment>))]
[JsonSerializable(typeof(List<MyEvaluation>))]
[JsonSerializable(typeof(NewParticipant))]
[JsonSerializable(typeof(ParticipantView))]
[JsonSerializable(typeof(List<ParticipantView>))]
[JsonSerializable(typeof(StoredSession))]
// The portal's words (Localization/*.json, read by Text) as well as the API's.
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class MemJsonContext : JsonSerializerContext;

/// <summary>What the portal keeps in localStorage between visits.</summary>
public sealed record StoredSession(string AccessToken, DateTimeOffset? ExpiresOn);
