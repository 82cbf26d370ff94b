using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Contracts.Publication;
using MemWorkflow.Core;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Publication;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Evaluations;

public sealed class ReviewFunctions(HttpFunctions http)
{
    [Function(nameof(GetDraftEvaluation)), HttpHandler(nameof(GetDraftAsync), Access.Participant)]
    public Task<IResult> GetDraftEvaluation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/countries/{ms}/evaluation")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(SaveEvaluativeSummary)), HttpHandler(nameof(SaveSummaryAsync), Access.Participant)]
    public Task<IResult> SaveEvaluativeSummary([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/countries/{ms}/evaluation/objectives/{objectiveId}")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(SubmitDraftEvaluation)), HttpHandler(nameof(SubmitDraftAsync), Access.Participant)]
    public Task<IResult> SubmitDraftEvaluation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/evaluation/submission")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(GiveConsultantFeedback)), HttpHandler(nameof(FeedbackAsync), Access.Participant)]
    public Task<IResult> GiveConsultantFeedback([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/feedback")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(CommentOnDraft)), HttpHandler(nameof(CommentAsync), Access.Participant)]
    public Task<IResult> CommentOnDraft([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/draft-comments")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(ApproveReport)), HttpHandler(nameof(ApproveAsync), Access.MemUnit)]
    public Task<IResult> ApproveReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/approval")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(PublishReport)), HttpHandler(nameof(PublishAsync), Access.MemUnit)]
    public Task<IResult> PublishReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/publication")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    private static async Task<Results<Ok<DraftView>, ProblemHttpResult>> GetDraftAsync(
        string roundId, string ms, HttpContext http, EvaluationAccess access, DraftStore drafts, RoundQueries queries, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Submission, cancellationToken);
        if (found is null)
            return problem!;
        var state = found.State;
        if (EvaluationRights.ReadDraft(caller.Asker, state) is { } notYet)
            return Problems.For(notYet);
        var summaries = await drafts.ReadAllAsync(roundId, ms, cancellationToken);
        // Only the two kinds of review event, not the hundreds of saved answers before them.
        var notes = (await queries.HistoryAsync(roundId, ms, cancellationToken, "changesRequested", "countryCommented"))
            .Select(h => ReviewNote.Of(h.Event, forTheCountry: caller.Role == Role.Nce)).OfType<ReviewNote>().ToList();
        return TypedResults.Ok(new DraftView(roundId, ms, state.Stage, state.Due, state.Iterations, state.ObjectiveIds,
            state.ObjectiveIds.Where(summaries.ContainsKey).Select(id => SummaryView.Of(summaries[id], forTheCountry: caller.Role == Role.Nce)).ToList(), notes));
    }

    private static async Task<Results<Ok<SummaryView>, ValidationProblem, ProblemHttpResult>> SaveSummaryAsync(
        string roundId, string ms, string objectiveId, SummaryRequest request, HttpContext http, EvaluationAccess access, ReviewCommands workflow,
        DraftStore drafts, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Draft, cancellationToken);
        if (found is null)
            return problem!;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Summary) || request.Summary.Length > ReviewLimits.MaxSummaryChars)
            errors["summary"] = [$"An evaluative summary is required, at most {ReviewLimits.MaxSummaryChars:N0} characters."];
        var assessments = request.Assessments ?? [];
        foreach (var (id, text) in assessments)
        {
            if (!found.State.PriorityActionIds.Contains(id) || !id.StartsWith(objectiveId + ".", StringComparison.Ordinal))
                errors[$"assessments.{(id.Length > 20 ? id[..20] : id)}"] = [$"Not a priority action of objective {objectiveId} in this questionnaire."];
            else if (text is null || text.Length > ReviewLimits.MaxAssessmentChars)
                errors[$"assessments.{id}"] = [$"An assessment has at most {ReviewLimits.MaxAssessmentChars:N0} characters."];
        }
        if (!IfMatch.TryRead(http.Request, out var expected))
            errors["If-Match"] = ["If-Match is the summary's version in quotes, as its ETag gave it, e.g. \"3\"."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The evaluative summary is not valid");

        var (outcome, saved) = await workflow.SaveSummaryAsync(found, objectiveId, request.Summary!, assessments, expected, caller.Actor, cancellationToken);
        if (outcome.Rejection is { Kind: RejectionKind.PreconditionFailed } stale
            && (await drafts.ReadAllAsync(roundId, ms, cancellationToken)).GetValueOrDefault(objectiveId) is { } current)
        {
            // As for answers: the version that won, so the expert can compare before choosing.
            http.Response.Headers.ETag = $"\"{current.Version}\"";
            return Problems.For(stale, new Dictionary<string, object?> { ["current"] = SummaryView.Of(current) });
        }
        if (outcome.Rejection is { } rejection)
            return Problems.For(rejection);
        http.Response.Headers.ETag = $"\"{saved!.Version}\"";
        return TypedResults.Ok(SummaryView.Of(saved));
    }

    private static async Task<Results<Ok<StageView>, ValidationProblem, ProblemHttpResult>> SubmitDraftAsync(
        string roundId, string ms, HttpContext http, Doorbell doorbell, EvaluationAccess access, ReviewCommands workflow, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Draft, cancellationToken);
        if (found is null)
            return problem!;
        return await AnswerAsync(roundId, ms, doorbell, await workflow.SubmitDraftAsync(found.Round, ms, caller.Actor, cancellationToken));
    }

    private static async Task<Results<Ok<StageView>, ValidationProblem, ProblemHttpResult>> FeedbackAsync(
        string roundId, string ms, FeedbackRequest request, HttpContext http, Doorbell doorbell, EvaluationAccess access, ReviewCommands workflow, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Feedback, cancellationToken);
        if (found is null)
            return problem!;
        var comments = request.Comments ?? [];
        if (request.Decision is null)
            return Problems.Invalid("decision", "A decision is required: approve or requestChanges.");
        if (comments.Count > ReviewLimits.MaxComments || comments.Any(c => c is null || string.IsNullOrWhiteSpace(c.Text) || c.Text.Length > ReviewLimits.MaxCommentChars)
            || comments.Sum(c => c.Text?.Length ?? 0) > ReviewLimits.MaxCommentsTotalChars)
            return Problems.Invalid("comments", $"Up to {ReviewLimits.MaxComments} comments, each with a text of at most {ReviewLimits.MaxCommentChars:N0} characters.");
        return await AnswerAsync(roundId, ms, doorbell, await workflow.FeedbackAsync(found.Round, ms, request.Decision.Value, comments, caller.Actor, cancellationToken));
    }

    private static async Task<Results<Ok<StageView>, ValidationProblem, ProblemHttpResult>> CommentAsync(
        string roundId, string ms, DraftCommentRequest request, HttpContext http, Doorbell doorbell, EvaluationAccess access, ReviewCommands workflow, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Comment, cancellationToken);
        if (found is null)
            return problem!;
        if (request.Accept is null)
            return Problems.Invalid("accept", "Say whether the country accepts the draft (true) or sends comments (false).");
        if (request.Text is { Length: > ReviewLimits.MaxCountryCommentChars })
            return Problems.Invalid("text", $"Comments have at most {ReviewLimits.MaxCountryCommentChars:N0} characters.");
        return await AnswerAsync(roundId, ms, doorbell, await workflow.CommentAsync(found.Round, ms, request.Text ?? "", request.Accept.Value, caller.Actor, cancellationToken));
    }

    private static async Task<Results<Ok<StageView>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string roundId, string ms, ApprovalRequest? request, HttpContext http, Doorbell doorbell, EvaluationAccess access, ReviewCommands workflow, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Read, cancellationToken);
        if (found is null)
            return problem!;
        if (request?.Note is { Length: > RoundsFunctions.MaxReasonLength })
            return Problems.Invalid("note", $"A note has at most {RoundsFunctions.MaxReasonLength} characters.");
        return await AnswerAsync(roundId, ms, doorbell, await workflow.ApproveAsync(found.Round, ms, request?.Note, caller.Actor, cancellationToken));
    }

    private static async Task<Results<Ok<ReportLinks>, ProblemHttpResult>> PublishAsync(
        string roundId, string ms, HttpContext http, Doorbell doorbell, EvaluationAccess access, ReviewCommands workflow, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Read, cancellationToken);
        if (found is null)
            return problem!;
        var published = await workflow.PublishAsync(found.Round, found.State, caller.Actor, cancellationToken);
        if (published.Rejection is { } rejection)
            return Problems.For(rejection);
        await doorbell.RingAsync(roundId, ms);
        return TypedResults.Ok(ReportLinks.Of(roundId, published.State!));
    }

    private static async Task<Results<Ok<StageView>, ValidationProblem, ProblemHttpResult>> AnswerAsync(string roundId, string ms, Doorbell doorbell, Outcome<EvaluationState> outcome)
    {
        if (outcome.Rejection is { } rejection)
            return Problems.For(rejection);
        if (outcome.EventsWritten > 0)
            await doorbell.RingAsync(roundId, ms);
        return TypedResults.Ok(StageView.Of(roundId, outcome.State!));
    }
}
