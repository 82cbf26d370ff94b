namespace MemWorkflow.Portal.Api;

public sealed partial class MemApi
{
    private static string Evaluation(string roundId, string ms) => $"api/rounds/{E(roundId)}/countries/{E(ms)}";

    public Task<ApiResult<QuestionnaireView>> GetQuestionnaireAsync(string roundId, string ms) =>
        GetAsync($"{Evaluation(roundId, ms)}/questionnaire", Json.QuestionnaireView);

    /// <summary>A first answer is saved without If-Match; a change names the version the user edited. The
    /// Idempotency-Key makes a repeat of a save whose answer was lost take effect once.</summary>
    public Task<ApiResult<AnswerView>> SaveAnswerAsync(string roundId, string ms, string priorityActionId, AnswerRequest answer, int? version, string idempotencyKey) =>
        SendAsync(HttpMethod.Put, $"{Evaluation(roundId, ms)}/answers/{E(priorityActionId)}", answer, Json.AnswerRequest, Json.AnswerView, version,
            configure: r => r.Headers.Add("Idempotency-Key", idempotencyKey));

    public Task<ApiResult<SubmissionView>> SubmitQuestionnaireAsync(string roundId, string ms) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/submission", Json.SubmissionView);

    public Task<ApiResult<QuestionnaireView>> GetSubmissionAsync(string roundId, string ms) =>
        GetAsync($"{Evaluation(roundId, ms)}/submission", Json.QuestionnaireView);

    public Task<ApiResult<DocumentReservation>> ReserveDocumentAsync(string roundId, string ms, DocumentReservationRequest request) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/documents", request, Json.DocumentReservationRequest, Json.DocumentReservation);

    public Task<ApiResult<VerifiedDocument>> CompleteDocumentAsync(string roundId, string ms, string documentId) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/documents/{E(documentId)}/completion", Json.VerifiedDocument);

    /// <summary>Where a document's bytes are read. A plain link cannot carry the bearer token, so the
    /// browser fetches it in JavaScript (<see cref="Shared.Browser"/>), never through .NET memory.</summary>
    public static string DocumentPath(string roundId, string ms, string documentId) => $"{Evaluation(roundId, ms)}/documents/{E(documentId)}";
}
