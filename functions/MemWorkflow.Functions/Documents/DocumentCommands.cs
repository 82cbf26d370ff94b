using System.Security.Cryptography;
using MemWorkflow.Contracts.Documents;
using MemWorkflow.Core;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Documents;

/// <summary>The life of a means of verification: reserved (an upload URL handed out), then verified
/// and completed, or refused and deleted. Each step is an event in the evaluation's history.</summary>
public sealed class DocumentCommands(EvaluationStore evaluations, DocumentStore documents, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DocumentOptions> options)
{
    public TimeSpan AbandonedAfter => options.Value.AbandonedAfter;

    /// <summary>Refuses the uploads reserved longer than <see cref="DocumentOptions.AbandonedAfter"/> ago and
    /// never completed, then deletes their blobs, in the intake and the verification container (an upload URL
    /// cannot limit the size: whatever was put there goes). The refusal comes first: a completion racing with it
    /// is then refused too, so a deleted blob never backs evidence. Blobs of documents refused recently are
    /// deleted again, in case the process stopped between the two. Returns the state after.</summary>
    public async Task<EvaluationState> ExpireAsync(RoundState round, EvaluationState state, Duty.ExpireUploads due, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var document in due.Abandoned)
        {
            var outcome = await evaluations.DecideAsync(round, state.MemberState,
                new RejectDocument(document.Id, AbandonedUploads.Reason(AbandonedAfter), Actor.System, now), cancellationToken);
            state = outcome.State ?? state;
        }
        // Read from the state after the refusals: one a completion won is evidence, and keeps its blob.
        foreach (var document in AbandonedUploads.RecentlyRejected(state.Documents.Values, now, AbandonedAfter))
            await documents.DeleteUploadAsync(round.RoundId, state.MemberState, document.Id, cancellationToken);
        return state;
    }

    public async Task<(Outcome<EvaluationState> Outcome, DocumentReservation? Reservation)> ReserveAsync(
        RoundState round, string memberState, string fileName, string contentType, long length, Actor actor, CancellationToken cancellationToken)
    {
        var documentId = $"d-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var now = clock.GetUtcNow();
        var outcome = await evaluations.DecideAsync(round, memberState,
            new ReserveDocument(documentId, fileName, contentType, length, actor, now), cancellationToken);
        if (!outcome.Accepted)
            return (outcome, null);
        // A repeat (same Idempotency-Key) is answered with the document its first attempt reserved.
        var reserved = outcome.Events.OfType<DocumentReserved>().Single();
        var (url, expiresOn) = await documents.UploadUrlAsync(documents.IntakeBlob(round.RoundId, memberState, reserved.DocumentId), cancellationToken);
        return (outcome, new DocumentReservation(reserved.DocumentId, reserved.FileName, url, expiresOn, documents.MaxBytes));
    }

    /// <summary>Verifies the uploaded bytes, moves them out of the intake container, records the result, and
    /// only then deletes the intake blob: a completion that stops anywhere leaves the upload in one container or
    /// both, and a retry completes it. Completing twice answers the same.
    /// <paramref name="sha256"/>: the bytes' hash when they just passed through the app.</summary>
    public async Task<(MeansOfVerification? Document, Rejection? Rejection)> CompleteAsync(
        RoundState round, string memberState, MeansOfVerification document, Actor actor, CancellationToken cancellationToken, string? sha256 = null)
    {
        if (document.Status == DocumentStatus.Completed)
        {
            // A completion that stopped after recording left its intake blob.
            await documents.DeleteIntakeAsync(round.RoundId, memberState, document.Id, cancellationToken);
            return (document, null);
        }
        if (document.Status == DocumentStatus.Rejected)
            return (null, new Rejection(RejectionKind.Conflict, $"Document {document.Id} failed verification: {document.RejectionReason} Reserve a new document."));

        var verification = await documents.VerifyUploadAsync(round.RoundId, memberState, document.Id, document.FileName, sha256, cancellationToken);
        var now = clock.GetUtcNow();
        switch (verification)
        {
            case Verification.NotUploaded:
                return (null, new Rejection(RejectionKind.Conflict,
                    $"Nothing has been uploaded for {document.Id} yet: PUT the file to its upload URL, or to .../documents/{document.Id}/content, first."));
            case Verification.Refused refused:
                var rejected = await evaluations.DecideAsync(round, memberState, new RejectDocument(document.Id, refused.Refusal.Detail, actor, now), cancellationToken);
                // Completed alongside this refusal, by bytes that passed verification: that is the answer.
                if (rejected.State?.Documents.GetValueOrDefault(document.Id) is { Status: DocumentStatus.Completed } done)
                    return (done, null);
                await DeleteIfRejectedAsync(round.RoundId, memberState, document.Id, rejected.State, cancellationToken);
                return (null, refused.Refusal with { Detail = $"{refused.Refusal.Detail} The upload was deleted; reserve a new document to try again." });
            default:
                var verified = (Verification.Verified)verification;
                var outcome = await evaluations.DecideAsync(round, memberState,
                    new CompleteDocument(document.Id, verified.ContentType, verified.Length, verified.Sha256, actor, now), cancellationToken);
                if (outcome.Rejection is { } rejection)
                {
                    // Refused meanwhile (abandoned while this completion ran): the copy it just made goes too.
                    await DeleteIfRejectedAsync(round.RoundId, memberState, document.Id, outcome.State, cancellationToken);
                    return (null, rejection);
                }
                await documents.DeleteIntakeAsync(round.RoundId, memberState, document.Id, cancellationToken);
                return (outcome.State!.Documents[document.Id], null);
        }
    }

    /// <summary>Deletes an upload in both containers once its refusal is recorded, never before: a completion
    /// running alongside may have recorded it as evidence, and then it stays.</summary>
    private Task DeleteIfRejectedAsync(string roundId, string memberState, string documentId, EvaluationState? state, CancellationToken cancellationToken) =>
        state?.Documents.GetValueOrDefault(documentId)?.Status == DocumentStatus.Rejected
            ? documents.DeleteUploadAsync(roundId, memberState, documentId, cancellationToken)
            : Task.CompletedTask;
}
