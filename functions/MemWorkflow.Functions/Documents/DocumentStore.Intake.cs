using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MemWorkflow.Core;

namespace MemWorkflow.Functions.Documents;

/// <summary>Uploads through an upload URL land in the intake container (in Azure an account of its own, which
/// stays public while the data account may be private). Only bytes the app verified reach the verification
/// container, and they pass through the app on the way, so evidence is never a blob a browser wrote.</summary>
public sealed partial class DocumentStore
{
    private const string Changed = "The file changed in storage after it was verified, so it is not the file that was checked.";

    public BlobClient IntakeBlob(string roundId, string memberState, string documentId) =>
        blobs.Intake.GetBlobClient($"{roundId}/{memberState}/{documentId}");

    /// <summary>Verifies an upload and makes sure the verified bytes are in the verification container. Already
    /// there (streamed through the app, or moved by a completion that stopped before recording it): verified there.
    /// Otherwise the intake blob is verified and then streamed into the verification container, write-once, reading
    /// the verified version only; the bytes written must hash to what was verified. The intake blob stays until
    /// the caller has recorded the completion (<see cref="DeleteIntakeAsync"/>): until then a failed move leaves
    /// the upload where a retry finds it. A refusal deletes the intake blob.</summary>
    public async Task<Verification> VerifyUploadAsync(string roundId, string memberState, string documentId, string fileName, string? sha256,
        CancellationToken cancellationToken)
    {
        var evidence = Blob(roundId, memberState, documentId);
        var intake = IntakeBlob(roundId, memberState, documentId);
        var verification = await VerifyAsync(evidence, fileName, sha256, cancellationToken);
        if (verification is Verification.Refused)
            await DeleteAsync(intake, cancellationToken);
        if (verification is not Verification.NotUploaded)
            return verification;

        try
        {
            verification = await VerifyAsync(intake, fileName, null, cancellationToken);
            if (verification is not Verification.Verified verified)
                return verification;
            var content = (await intake.DownloadStreamingAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = verified.ETag } }, cancellationToken)).Value.Content;
            string? moved;
            await using (content)
                moved = await UploadAsync(evidence, content, cancellationToken);
            // Written by a completion running alongside this one: that copy is verified as the app's own.
            if (moved is null)
                return await VerifyAsync(evidence, fileName, null, cancellationToken);
            // The copy is refused; it is deleted once the refusal is recorded (DocumentCommands), not before: a
            // completion alongside may have verified it as the app's own and recorded it.
            return moved == verified.Sha256 ? verified : await RefuseAsync(intake, RejectionKind.Conflict, "Changed during the upload", Changed, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return await RefuseAsync(intake, RejectionKind.Conflict, "Changed during the upload", Changed, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone while being read: a completion alongside moved it (then it is in the verification container) or refused it.
            return await VerifyAsync(evidence, fileName, null, cancellationToken);
        }
    }

    /// <summary>The upload's intake blob, once its completion is recorded (a no-op when it is gone).</summary>
    public Task DeleteIntakeAsync(string roundId, string memberState, string documentId, CancellationToken cancellationToken) =>
        DeleteAsync(IntakeBlob(roundId, memberState, documentId), cancellationToken);

    /// <summary>A refused or abandoned upload, wherever it is.</summary>
    public Task DeleteUploadAsync(string roundId, string memberState, string documentId, CancellationToken cancellationToken) =>
        Task.WhenAll(DeleteAsync(Blob(roundId, memberState, documentId), cancellationToken), DeleteIntakeAsync(roundId, memberState, documentId, cancellationToken));
}
