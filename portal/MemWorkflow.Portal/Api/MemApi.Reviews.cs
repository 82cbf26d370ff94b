namespace MemWorkflow.Portal.Api;

public sealed partial class MemApi
{
    public Task<ApiResult<DraftView>> GetDraftAsync(string roundId, string ms) => GetAsync($"{Evaluation(roundId, ms)}/evaluation", Json.DraftView);

    public Task<ApiResult<SummaryView>> SaveSummaryAsync(string roundId, string ms, string objectiveId, SummaryRequest summary, int? version) =>
        SendAsync(HttpMethod.Put, $"{Evaluation(roundId, ms)}/evaluation/objectives/{E(objectiveId)}", summary, Json.SummaryRequest, Json.SummaryView, version);

    public Task<ApiResult<StageView>> SubmitDraftAsync(string roundId, string ms) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/evaluation/submission", Json.StageView);

    /// <summary>The answer differs by caller (the round's assignment for the MEM Unit, the declined seat only for the
    /// expert): the form needs only to know it was done.</summary>
    public Task<ApiResult<Nothing>> DeclineAsync(string roundId, string ms, string participantId, string reason) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/experts/{E(participantId)}/decline", new DeclineRequest(reason), Json.DeclineRequest, Json.Nothing);

    public Task<ApiResult<StageView>> GiveFeedbackAsync(string roundId, string ms, FeedbackRequest feedback) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/feedback", feedback, Json.FeedbackRequest, Json.StageView);

    public Task<ApiResult<StageView>> CommentOnDraftAsync(string roundId, string ms, DraftCommentRequest comment) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/draft-comments", comment, Json.DraftCommentRequest, Json.StageView);

    public Task<ApiResult<StageView>> RecordApprovalAsync(string roundId, string ms, string? note) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/approval", new ApprovalRequest(note), Json.ApprovalRequest, Json.StageView);

    public Task<ApiResult<ReportLinks>> PublishReportAsync(string roundId, string ms) =>
        SendAsync(HttpMethod.Post, $"{Evaluation(roundId, ms)}/publication", Json.ReportLinks);
}
