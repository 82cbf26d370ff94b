using System.Text.Json;
using System.Text.Json.Serialization;
using MemWorkflow.Contracts.Assignments;
using MemWorkflow.Contracts.Catalogue;
using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Notifications;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Contracts.Publication;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Contracts.Rounds;

namespace MemWorkflow.Portal.Api;

/// <summary>Source-generated JSON of the contract's records: trimming keeps what the portal reads, and no
/// reflection warnings (they are errors here) come from the serializer. Enums as the API writes them:
/// camelCase names, never numbers.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [
    typeof(CamelCaseEnum<Stage>), typeof(CamelCaseEnum<Owner>), typeof(CamelCaseEnum<FeedbackDecision>), typeof(CamelCaseEnum<Role>),
    typeof(CamelCaseEnum<RoundStatus>), typeof(CamelCaseEnum<AnswerStatus>), typeof(CamelCaseEnum<DocumentStatus>), typeof(CamelCaseEnum<ExclusionReason>)])]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(Nothing))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SignInAccepted))]
[JsonSerializable(typeof(SignInLinkPreview))]
[JsonSerializable(typeof(SessionRequest))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(MeView))]
[JsonSerializable(typeof(CatalogueView))]
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
[JsonSerializable(typeof(DeclineRequest))]
[JsonSerializable(typeof(CancellationRequest))]
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
[JsonSerializable(typeof(RegisteredParticipant))]
[JsonSerializable(typeof(List<ParticipantView>))]
[JsonSerializable(typeof(StoredSession))]
// The portal's words (Localization/*.json, read by Text) as well as the API's.
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class MemJsonContext : JsonSerializerContext;

/// <summary>An enum as the API's JSON names it (MemJson): camelCase, numbers refused.</summary>
public sealed class CamelCaseEnum<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>What the portal keeps in localStorage between visits.</summary>
public sealed record StoredSession(string AccessToken, DateTimeOffset? ExpiresOn);
