using System.Security.Cryptography;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Core.Workflow;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Shell;

namespace MemWorkflow.Functions.Documents;

/// <summary>The life of a means of verification: reserved (an upload URL handed out), then verified
/// and completed, or refused and deleted. Each step is an event in the evaluation's history.</summary>
public sealed class DocumentWorkflow(EventStore store, DocumentStore documents, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DocumentOptions> options)
{
    public TimeSpan AbandonedAfter => options.Value.AbandonedAfter;

    /// <summary>Refuses the uploads reserved longer than <see cref="DocumentOptions.AbandonedAfter"/> ago and
    /// never completed, then deletes their blobs (an upload URL cannot limit the size: whatever was put
    /// there goes). The refusal comes first: a completion racing with it is then refused too, so a
    /// deleted blob never backs evidence. Blobs of documents refused recently are deleted again, in case
    /// the process stopped between the two. Returns the state after, and whether it wrote.</summary>
    public async Task<(EvaluationState State, bool Wrote)> ExpireAbandonedAsync(string roundId, EvaluationState state, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var wrote = false;
        foreach (var document in AbandonedUploads.Due(state.Documents.Values, now, AbandonedAfter))
        {
            var outcome = await store.DecideAsync(roundId, state.MemberState, RoundStreams.Evaluation,
                s => EvaluationDecider.Decide(new RejectDocument(document.Id, AbandonedUploads.Reason(AbandonedAfter), Actor.System, now), s),
                (_, _) => [], Actor.System, now, cancellationToken);
            state = outcome.State ?? state;
            wrote |= outcome.EventsWritten > 0;
        }
        foreach (var document in AbandonedUploads.RecentlyRejected(state.Documents.Values, now, AbandonedAfter))
            await documents.Blob(roundId, state.MemberState, document.Id).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return (state, wrote);
    }

    public async Task<(Outcome<EvaluationState> Outcome, DocumentReservation? Reservation)> ReserveAsync(
        RoundState round, string memberState, string fileName, string contentType, long length, Actor actor, CancellationToken cancellationToken)
    {
        var documentId = $"d-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var now = clock.GetUtcNow();
        var outcome = await store.DecideAsync(round.RoundId, memberState, RoundStreams.Evaluation,
            state => EvaluationDecider.Decide(new ReserveDocument(documentId, fileName, contentType, length, actor, now), state),
            (_, _) => [], actor, now, cancellationToken);
        if (!outcome.Accepted)
            return (outcome, null);
        // A repeat (same Idempotency-Key) is answered with the document its first attempt reserved.
        var reserved = outcome.Events.OfType<DocumentReserved>().Single();
        var (url, expiresOn) = await documents.UploadUrlAsync(documents.Blob(round.RoundId, memberState, reserved.DocumentId), cancellationToken);
        return (outcome, new DocumentReservation(reserved.DocumentId, reserved.FileName, url, expiresOn, documents.MaxBytes));
    }

    /// <summary>Verifies the uploaded bytes and records the result. Completing twice answers the same.
    /// <paramref name="sha256"/>: the bytes' hash when they just passed through the app.</summary>
    public async Task<(MeansOfVerification? Document, Rejection? Rejection, int Status)> CompleteAsync(
        RoundState round, string memberState, MeansOfVerification document, Actor actor, CancellationToken cancellationToken, string? sha256 = null)
    {
        if (document.Status == DocumentStatus.Completed)
            return (document, null, 200);
        if (document.Status == DocumentStatus.Rejected)
            return (null, new Rejection(RejectionKind.Conflict, $"Document {document.Id} failed verification: {document.RejectionReason} Reserve a new document."), 409);

        var blob = documents.Blob(round.RoundId, memberState, document.Id);
        var verification = await documents.VerifyAsync(blob, document.FileName, sha256, cancellationToken);
        var now = clock.GetUtcNow();
        switch (verification)
        {
            case Verification.NotUploaded:
                return (null, new Rejection(RejectionKind.Conflict,
                    $"Nothing has been uploaded for {document.Id} yet: PUT the file to its upload URL, or to .../documents/{document.Id}/content, first."), 409);
            case Verification.Refused refused:
                await store.DecideAsync(round.RoundId, memberState, RoundStreams.Evaluation,
                    state => EvaluationDecider.Decide(new RejectDocument(document.Id, refused.Reason, actor, now), state), (_, _) => [], actor, now, cancellationToken);
                return (null, new Rejection(RejectionKind.Invalid, $"{refused.Reason} The upload was deleted; reserve a new document to try again."), refused.Status);
            default:
                var verified = (Verification.Verified)verification;
                var outcome = await store.DecideAsync(round.RoundId, memberState, RoundStreams.Evaluation,
                    state => EvaluationDecider.Decide(new CompleteDocument(document.Id, verified.ContentType, verified.Length, verified.Sha256, actor, now), state),
                    (_, _) => [], actor, now, cancellationToken);
                return outcome.Rejection is { } rejection
                    ? (null, rejection, rejection.Kind == RejectionKind.NotFound ? 404 : 409)
                    : (outcome.State!.Documents[document.Id], null, 200);
        }
    }
}
