using MemWorkflow.Contracts.Documents;
using MemWorkflow.Core;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Questionnaires;
using MemWorkflow.Functions.Rounds;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Documents;

public sealed class DocumentsFunctions(HttpFunctions http)
{
    [Function(nameof(ReserveDocument)), HttpHandler(nameof(ReserveAsync), Access.Participant)]
    public Task<IResult> ReserveDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/documents")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(UploadDocumentContent)), HttpHandler(nameof(UploadAsync), Access.Participant)]
    public Task<IResult> UploadDocumentContent([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/rounds/{roundId}/countries/{ms}/documents/{documentId}/content")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(CompleteDocument)), HttpHandler(nameof(CompleteAsync), Access.Participant)]
    public Task<IResult> CompleteDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/documents/{documentId}/completion")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(ListDocuments)), HttpHandler(nameof(ListAsync), Access.Participant)]
    public Task<IResult> ListDocuments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/countries/{ms}/documents")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(DownloadDocument)), HttpHandler(nameof(DownloadAsync), Access.Participant)]
    public Task<IResult> DownloadDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/countries/{ms}/documents/{documentId}")] HttpRequest request) =>
        http.RunAsync(request);

    private static async Task<Results<Created<DocumentReservation>, ValidationProblem, ProblemHttpResult>> ReserveAsync(
        string roundId, string ms, DocumentReservationRequest request, HttpContext http, EvaluationAccess access,
        DocumentCommands workflow, DocumentStore store, Doorbell doorbell, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Upload, cancellationToken);
        if (found is null)
            return problem!;
        var errors = DocumentRules.ReservationErrors(request.FileName, request.ContentType, request.Length);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The document cannot be reserved");
        if (request.Length > store.MaxBytes)
            return Problems.Refuse(RejectionKind.TooLarge, $"The file is {request.Length:N0} bytes; the limit is {store.MaxBytes:N0} bytes.", "Document too large");

        var (outcome, reservation) = await workflow.ReserveAsync(found.Round, ms, DocumentRules.SanitizeFileName(request.FileName),
            request.ContentType ?? "application/octet-stream", request.Length!.Value, caller.Actor, cancellationToken);
        if (outcome.Rejection is { } rejection)
            return Problems.For(rejection);
        // The workflow plans the reservation's abandonment (DocumentOptions.AbandonedAfter).
        await doorbell.RingAsync(roundId, ms);
        return TypedResults.Created($"/api/rounds/{roundId}/countries/{ms}/documents/{reservation!.DocumentId}", reservation);
    }

    private static async Task<Results<Ok<VerifiedDocument>, ProblemHttpResult>> UploadAsync(
        string roundId, string ms, string documentId, HttpContext http, EvaluationAccess access, DocumentCommands workflow,
        DocumentStore store, Doorbell doorbell, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Upload, cancellationToken);
        if (found is null)
            return problem!;
        // Decided before a byte is stored; completing decides again.
        if (EvaluationDecider.UploadRefusal(found.State, documentId) is { } refused)
            return Problems.For(refused);
        var document = found.State.Documents[documentId];
        if (http.Request.ContentLength > store.MaxBytes)
            return TooLarge(store.MaxBytes);

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        string? sha256;
        try
        {
            // Bytes put to the upload URL wait in the intake container: completion verifies those, not a second upload.
            var viaUploadUrl = (await store.IntakeBlob(roundId, ms, documentId).ExistsAsync(cancellationToken)).Value;
            sha256 = viaUploadUrl ? null : await store.UploadAsync(store.Blob(roundId, ms, documentId), http.Request.Body, cancellationToken);
            if (sha256 is null)
                return Problems.Refuse(RejectionKind.Conflict, $"Document {documentId} has already been uploaded (through its upload URL): call its completion instead.", "Already uploaded");
        }
        catch (DocumentTooLargeException e)
        {
            return TooLarge(e.Limit);
        }
        return await AnswerAsync(roundId, ms, doorbell, await workflow.CompleteAsync(found.Round, ms, document, caller.Actor, cancellationToken, sha256));
    }

    private static async Task<Results<Ok<VerifiedDocument>, ProblemHttpResult>> CompleteAsync(
        string roundId, string ms, string documentId, HttpContext http, EvaluationAccess access, DocumentCommands workflow, Doorbell doorbell, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Upload, cancellationToken);
        if (found is null)
            return problem!;
        if (!found.State.Documents.TryGetValue(documentId, out var document))
            return Problems.NotFound($"No document {documentId} in the evaluation of {ms}.");
        return await AnswerAsync(roundId, ms, doorbell, await workflow.CompleteAsync(found.Round, ms, document, caller.Actor, cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<DocumentView>>, ProblemHttpResult>> ListAsync(
        string roundId, string ms, HttpContext http, EvaluationAccess access, CancellationToken cancellationToken)
    {
        var (found, problem) = await access.FindAsync(roundId, ms, Caller.From(http.User), EvaluationRight.Submission, cancellationToken);
        if (found is null)
            return problem!;
        return TypedResults.Ok<IReadOnlyList<DocumentView>>(found.State.Documents.Values.OrderBy(d => d.ReservedAt)
            .Select(d => DocumentView.Of(d, found.State)).ToList());
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        string roundId, string ms, string documentId, HttpContext http, EvaluationAccess access, DocumentStore store, CancellationToken cancellationToken)
    {
        var (found, problem) = await access.FindAsync(roundId, ms, Caller.From(http.User), EvaluationRight.Submission, cancellationToken);
        if (found is null)
            return problem!;
        if (!found.State.Documents.TryGetValue(documentId, out var document) || document.Status != DocumentStatus.Completed)
            return Problems.NotFound($"No verified document {documentId} in the evaluation of {ms}.");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(document.Sha256!))}:";
        var content = await store.OpenReadAsync(store.Blob(roundId, ms, documentId), cancellationToken);
        return TypedResults.Stream(content, document.ContentType, DocumentRules.DownloadName(document.FileName, document.ContentType!));
    }

    /// <summary>A completed or refused upload no longer needs its abandonment planned: the workflow replans.</summary>
    private static async Task<Results<Ok<VerifiedDocument>, ProblemHttpResult>> AnswerAsync(
        string roundId, string ms, Doorbell doorbell, (MeansOfVerification? Document, Core.Rejection? Rejection) result)
    {
        if (result.Document is not null || result.Rejection?.Kind is RejectionKind.TooLarge or RejectionKind.UnsupportedType or RejectionKind.Unsatisfiable)
            await doorbell.RingAsync(roundId, ms);
        return Answer(result);
    }

    private static Results<Ok<VerifiedDocument>, ProblemHttpResult> Answer((MeansOfVerification? Document, Core.Rejection? Rejection) result)
    {
        if (result.Rejection is { } rejection)
            return Problems.For(rejection);
        var d = result.Document!;
        return TypedResults.Ok(new VerifiedDocument(d.Id, d.FileName, d.ContentType!, d.Length!.Value, d.Sha256!, d.UploadedBy, d.CompletedAt!.Value));
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        Problems.Refuse(RejectionKind.TooLarge, $"The document is larger than the limit of {limit:N0} bytes; nothing was stored.", "Document too large");
}
