using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Questionnaires;

public sealed class QuestionnaireFunctions(HttpFunctions http)
{
    public const int MaxDocumentsPerAnswer = 100;

    [Function(nameof(GetQuestionnaire)), HttpHandler(nameof(GetAsync), Access.Participant)]
    public Task<IResult> GetQuestionnaire([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/countries/{ms}/questionnaire")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(SaveAnswer)), HttpHandler(nameof(SaveAnswerAsync), Access.Participant)]
    public Task<IResult> SaveAnswer([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/countries/{ms}/answers/{priorityActionId}")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(SubmitQuestionnaire)), HttpHandler(nameof(SubmitAsync), Access.Participant)]
    public Task<IResult> SubmitQuestionnaire([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/submission")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(GetSubmission)), HttpHandler(nameof(GetSubmissionAsync), Access.Participant)]
    public Task<IResult> GetSubmission([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/countries/{ms}/submission")] HttpRequest request) =>
        http.RunAsync(request);

    private static async Task<Results<Ok<QuestionnaireView>, ProblemHttpResult>> GetAsync(
        string roundId, string ms, HttpContext http, EvaluationAccess access, AnswerStore answers, CancellationToken cancellationToken)
    {
        var (found, problem) = await access.FindAsync(roundId, ms, Caller.From(http.User), EvaluationRight.Read, cancellationToken);
        if (found is null)
            return problem!;
        return TypedResults.Ok(QuestionnaireView.Of(found.Round, found.State, await answers.ReadAllAsync(roundId, ms, cancellationToken)));
    }

    /// <summary>Saves one answer. A first answer is saved without If-Match; changing one needs
    /// <c>If-Match: "version"</c> of the answer the user edited, and a 412 carries the current one. The status
    /// may wait: a narrative typed first is saved as a draft, and the submission asks for the status.</summary>
    private static async Task<Results<Ok<AnswerView>, ValidationProblem, ProblemHttpResult>> SaveAnswerAsync(
        string roundId, string ms, string priorityActionId, AnswerRequest request, HttpContext http, EvaluationAccess access,
        QuestionnaireCommands workflow, AnswerStore answers, IOptions<AnswerOptions> options, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Answer, cancellationToken);
        if (found is null)
            return problem!;
        if (PlanCatalogues.Known.For(found.Round.Settings).FindPriorityAction(priorityActionId) is null)
            return Problems.NotFound($"'{(priorityActionId.Length > 40 ? priorityActionId[..40] : priorityActionId)}' is not a priority action of the Plan of Action.");

        var errors = new Dictionary<string, string[]>();
        var text = request.Text ?? "";
        if (text.Length > options.Value.MaxTextChars)
            errors["text"] = [$"A narrative has at most {options.Value.MaxTextChars:N0} characters; this one has {text.Length:N0}."];
        var documentIds = request.DocumentIds ?? [];
        if (documentIds.Count > MaxDocumentsPerAnswer || documentIds.Any(id => id is null || id.Length > 64))
            errors["documentIds"] = [$"At most {MaxDocumentsPerAnswer} document ids, each as returned when the document was reserved."];
        if (!IfMatch.TryRead(http.Request, out var expectedVersion))
            errors["If-Match"] = ["If-Match is the answer's version in quotes, as its ETag gave it, e.g. \"3\"."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The answer is not valid");

        var (outcome, saved) = await workflow.SaveAnswerAsync(found, priorityActionId, request.Status, text, documentIds,
            expectedVersion, caller.Actor, cancellationToken);
        if (outcome.Rejection is { } rejection)
        {
            var current = await answers.ReadAsync(roundId, ms, priorityActionId, cancellationToken);
            if (current is not null)
                http.Response.Headers.ETag = $"\"{current.Version}\"";
            return Problems.For(rejection, current is null ? null : new Dictionary<string, object?> { ["current"] = AnswerView.Of(current) });
        }
        http.Response.Headers.ETag = $"\"{saved!.Version}\"";
        return TypedResults.Ok(AnswerView.Of(saved));
    }

    private static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> SubmitAsync(
        string roundId, string ms, HttpContext http, Doorbell doorbell, EvaluationAccess access, QuestionnaireCommands workflow, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Answer, cancellationToken);
        if (found is null)
            return problem!;
        var outcome = await workflow.SubmitAsync(found.Round, ms, caller.Actor, cancellationToken);
        if (outcome.Rejection is { } rejection)
            return Problems.For(rejection);
        if (outcome.EventsWritten > 0)
            await doorbell.RingAsync(roundId, ms);
        var state = outcome.State!;
        return TypedResults.Ok(new SubmissionView(roundId, ms, state.Stage, state.SubmittedAt!.Value, state.SubmittedLate, state.Answers.Count,
            state.Documents.Values.Count(d => d.Status == Contracts.Documents.DocumentStatus.Completed)));
    }

    /// <summary>The frozen answers with their documents, for the NCE, the MEM Unit and the assigned reviewers.</summary>
    private static async Task<Results<Ok<QuestionnaireView>, ProblemHttpResult>> GetSubmissionAsync(
        string roundId, string ms, HttpContext http, EvaluationAccess access, AnswerStore answers, CancellationToken cancellationToken)
    {
        var (found, problem) = await access.FindAsync(roundId, ms, Caller.From(http.User), EvaluationRight.Submission, cancellationToken);
        if (found is null)
            return problem!;
        if (found.State.SubmittedAt is null)
            return Problems.Refuse(RejectionKind.NotYet, $"{ms} has not submitted its questionnaire yet.", "Not submitted yet");
        return TypedResults.Ok(QuestionnaireView.Of(found.Round, found.State, await answers.ReadAllAsync(roundId, ms, cancellationToken)));
    }
}
