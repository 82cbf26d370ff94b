namespace MemWorkflow.Portal.Api;

public sealed partial class MemApi
{
    public Task<ApiResult<ProposalView>> RequestProposalAsync(string roundId, int? seed) =>
        SendAsync(HttpMethod.Post, $"api/rounds/{E(roundId)}/assignments/proposals", new ProposalRequest(seed), Json.ProposalRequest, Json.ProposalView);

    public Task<ApiResult<AssignmentView>> CommitProposalAsync(string roundId, string proposalId) =>
        SendAsync(HttpMethod.Post, $"api/rounds/{E(roundId)}/assignments/proposals/{E(proposalId)}/commitment", Json.AssignmentView);

    public Task<ApiResult<AssignmentView>> GetAssignmentAsync(string roundId) => GetAsync($"api/rounds/{E(roundId)}/assignments", Json.AssignmentView);

    public Task<ApiResult<List<MyAssignment>>> GetMyAssignmentsAsync() => GetAsync("api/me/assignments", Json.ListMyAssignment);

    public Task<ApiResult<List<MyEvaluation>>> GetMyEvaluationsAsync() => GetAsync("api/me/evaluations", Json.ListMyEvaluation);
}
