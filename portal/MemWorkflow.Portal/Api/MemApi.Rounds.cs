namespace MemWorkflow.Portal.Api;

public sealed partial class MemApi
{
    public Task<ApiResult<List<RoundSummary>>> GetRoundsAsync() => GetAllAsync("api/rounds", Json.ListRoundSummary);

    public Task<ApiResult<RoundView>> GetRoundAsync(string roundId) => GetAsync($"api/rounds/{E(roundId)}", Json.RoundView);

    /// <summary>The Idempotency-Key is made once per form, so a double click or a retry starts one round.</summary>
    public Task<ApiResult<RoundView>> StartRoundAsync(RoundRequest round, string idempotencyKey) =>
        SendAsync(HttpMethod.Post, "api/rounds", round, Json.RoundRequest, Json.RoundView, configure: r => r.Headers.Add("Idempotency-Key", idempotencyKey));

    public Task<ApiResult<RoundView>> CancelRoundAsync(string roundId, string reason) =>
        SendAsync(HttpMethod.Post, $"api/rounds/{E(roundId)}/cancellation", new CancellationRequest(reason), Json.CancellationRequest, Json.RoundView);

    public Task<ApiResult<EvaluationView>> GetEvaluationAsync(string roundId, string ms) => GetAsync(Evaluation(roundId, ms), Json.EvaluationView);

    /// <summary>The evaluation with the page of history before the one shown (its <c>historyEarlier</c> address).</summary>
    public Task<ApiResult<EvaluationView>> GetEarlierHistoryAsync(string historyEarlier) => GetAsync(historyEarlier.TrimStart('/'), Json.EvaluationView);

    public Task<ApiResult<RoundWorkflowView>> GetWorkflowAsync(string roundId) => GetAsync($"api/rounds/{E(roundId)}/workflow", Json.RoundWorkflowView);

    public Task<ApiResult<EvaluationView>> ExtendDeadlineAsync(string roundId, string ms, ExtensionRequest extension) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/extension", extension, Json.ExtensionRequest, Json.EvaluationView);

    public Task<ApiResult<List<OutboxMessage>>> GetOutboxAsync(string roundId) => GetAsync($"api/rounds/{E(roundId)}/outbox", Json.ListOutboxMessage);

    public Task<ApiResult<Nothing>> RetryEmailAsync(string roundId, string messageId) =>
        SendAsync(HttpMethod.Post, $"api/rounds/{E(roundId)}/outbox/{E(messageId)}/retry", Json.Nothing);

    public Task<ApiResult<OutboxRetried>> RetryFailedEmailsAsync(string roundId) =>
        SendAsync(HttpMethod.Post, $"api/rounds/{E(roundId)}/outbox/retry", Json.OutboxRetried);

    public Task<ApiResult<List<Incident>>> GetIncidentsAsync() => GetAsync("api/incidents", Json.ListIncident);
}
