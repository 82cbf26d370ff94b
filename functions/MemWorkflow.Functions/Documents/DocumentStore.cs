using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using MemWorkflow.Core;
using MemWorkflow.Core.Documents;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Documents;

/// <summary>How verification of an upload ended: verified, nothing uploaded yet, or refused (the blob
/// is then deleted) with the HTTP status that says why.</summary>
public abstract record Verification
{
    /// <summary><paramref name="ETag"/>: the version of the blob that was verified (the move out of the intake
    /// container reads that version or nothing).</summary>
    public sealed record Verified(string ContentType, long Length, string Sha256, ETag ETag) : Verification;

    public sealed record NotUploaded : Verification;

    public sealed record Refused(Rejection Refusal) : Verification;
}

public sealed class DocumentTooLargeException(long limit) : Exception($"The document is larger than {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>Means of verification in Blob Storage: server-chosen names, write-once upload URLs,
/// verification by content, SHA-256 computed here.</summary>
public sealed partial class DocumentStore(StorageBlobs blobs, IOptions<DocumentOptions> options)
{
    public long MaxBytes => options.Value.MaxBytes;

    public BlobClient Blob(string roundId, string memberState, string documentId) =>
        blobs.Verification.GetBlobClient($"{roundId}/{memberState}/{documentId}");

    /// <summary>A SAS URL that can create this one blob and nothing else: not overwrite it, not read
    /// it, not touch another. Expiry is real time, whatever the app's clock says: storage checks it.
    /// Handed out for intake blobs only: browsers never write where evidence lives.</summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresOn)> UploadUrlAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var expiresOn = TimeProvider.System.GetUtcNow().Add(options.Value.UploadUrlLifetime);
        var sas = new BlobSasBuilder(BlobSasPermissions.Create, expiresOn)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = blob.Uri.Scheme == "https" ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
            return (blob.GenerateSasUri(sas), expiresOn);

        // With a managed identity there is no account key: sign with a user delegation key of the blob's own account.
        var account = blob.GetParentBlobContainerClient().GetParentBlobServiceClient();
        var key = await account.GetUserDelegationKeyAsync(null, expiresOn, cancellationToken);
        var uri = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, account.AccountName) }.ToUri();
        return (uri, expiresOn);
    }

    /// <summary>Writes the bytes a client streams through the app (or the app moves out of the intake
    /// container), once: an existing blob is never replaced. Answers their SHA-256, computed as they pass
    /// (so completion need not read them back), or null when the blob already existed.</summary>
    public async Task<string?> UploadAsync(BlobClient blob, Stream body, CancellationToken cancellationToken)
    {
        using var limited = new LimitedStream(body, MaxBytes);
        try
        {
            await blob.UploadAsync(limited, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                // The body's length is unknown and it cannot seek, so the SDK copies each block into memory
                // before staging it; its defaults (8 MiB blocks, 5 at once) held ~48 MiB of one upload.
                // 4 MiB blocks, 2 at once, keep a 100 MB upload to ~12 MiB (the documents benchmark measures it).
                TransferOptions = new StorageTransferOptions
                {
                    InitialTransferSize = 4 * 1024 * 1024,
                    MaximumTransferSize = 4 * 1024 * 1024,
                    MaximumConcurrency = 2,
                },
            }, cancellationToken);
            return limited.Sha256();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 && !limited.SourceFailed)
        {
            return null;
        }
    }

    /// <summary>Checks the stored blob: size, content by its first bytes, and SHA-256 (read from storage
    /// unless <paramref name="sha256"/> is already known, from bytes that passed through the app). Every
    /// read is of the version first seen (If-Match): one that changed meanwhile fails with 412.</summary>
    public async Task<Verification> VerifyAsync(BlobClient blob, string fileName, string? sha256, CancellationToken cancellationToken)
    {
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new Verification.NotUploaded();
        }

        // The upload URL may create the blob, and storage lets "create" also mean a server-side copy from another
        // address: evidence is what the NCE uploaded, so a copied blob is refused like any other wrong file.
        if (!string.IsNullOrEmpty(properties.CopyId) || properties.CopySource is not null)
            return await RefuseAsync(blob, RejectionKind.Unsatisfiable, "Not an upload", "The file was copied into storage from another address, not uploaded: upload the file itself.", cancellationToken);
        if (properties.ContentLength > MaxBytes)
            return await RefuseAsync(blob, RejectionKind.TooLarge, "Document too large", $"The file is {properties.ContentLength:N0} bytes; the limit is {MaxBytes:N0} bytes.", cancellationToken);
        var version = new BlobRequestConditions { IfMatch = properties.ETag };
        var head = properties.ContentLength == 0 ? [] : (await blob.DownloadContentAsync(
            new BlobDownloadOptions { Range = new HttpRange(0, DocumentRules.HeadBytes), Conditions = version }, cancellationToken)).Value.Content.ToArray();
        var listing = head.AsSpan().StartsWith("PK\u0003\u0004"u8)
            ? await ZipDirectory.ReadAsync(properties.ContentLength, (offset, length, token) => RangeAsync(blob, offset, length, version, token), cancellationToken) : null;
        if (listing is ZipDirectory.Listing.TooLarge large)
            return await RefuseAsync(blob, RejectionKind.UnsupportedType, "Document type not accepted", $"The file is a ZIP archive of {large.Entries:N0} entries ({large.DirectoryBytes:N0} bytes of names); an Office document has far fewer "
                + $"(at most {ZipDirectory.MaxEntries:N0} are read). Accepted are {DocumentRules.AcceptedKinds}.", cancellationToken);
        var identified = DocumentRules.Identify(head, fileName, (listing as ZipDirectory.Listing.Listed)?.Names);
        if (!identified.Allowed)
            return await RefuseAsync(blob, RejectionKind.UnsupportedType, "Document type not accepted", $"The file is {identified.Description}. Accepted are {DocumentRules.AcceptedKinds}.", cancellationToken);

        // A text file must be text throughout, not only in its first 4 KB: it is read whole, which the
        // hash needs anyway when the bytes came straight from the browser.
        var text = identified.ContentType is "text/plain" or "text/csv" ? new TextScan() : null;
        if (sha256 is null || text is not null)
        {
            await using var content = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { Conditions = version }, cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81_920];
            for (int read; (read = await content.ReadAsync(buffer, cancellationToken)) > 0;)
            {
                hash.AppendData(buffer, 0, read);
                text?.Feed(buffer.AsSpan(0, read));
            }
            sha256 ??= Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        if (text is not null && !text.Complete())
            return await RefuseAsync(blob, RejectionKind.UnsupportedType, "Document type not accepted",
                $"The file starts as text but is not text throughout (binary data at byte {text.NotTextAt ?? properties.ContentLength:N0}). Accepted are {DocumentRules.AcceptedKinds}.", cancellationToken);
        return new Verification.Verified(identified.ContentType!, properties.ContentLength, sha256, properties.ETag);
    }

    public async Task<Stream> OpenReadAsync(BlobClient blob, CancellationToken cancellationToken) =>
        await blob.OpenReadAsync(cancellationToken: cancellationToken);

    private static async Task<Verification> RefuseAsync(BlobClient blob, RejectionKind kind, string title, string reason, CancellationToken cancellationToken)
    {
        await DeleteAsync(blob, cancellationToken);
        return new Verification.Refused(new Rejection(kind, reason, Title: title));
    }

    // An upload URL may also snapshot its blob ("create" allows it), and a blob with snapshots is deleted only with them.
    private static Task DeleteAsync(BlobClient blob, CancellationToken cancellationToken) =>
        blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    private static async Task<Stream> RangeAsync(BlobClient blob, long offset, long length, BlobRequestConditions version, CancellationToken cancellationToken) =>
        (await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(offset, length), Conditions = version }, cancellationToken)).Value.Content;
}
