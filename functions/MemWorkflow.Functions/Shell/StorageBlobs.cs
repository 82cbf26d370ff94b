using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Shell;

/// <summary>The app's blob containers. <c>verification</c>: means of verification, write-once, named
/// <c>{round}/{country}/{documentId}</c>. <c>answers</c>: NCE narratives too long for a table row.</summary>
public sealed class StorageBlobs(BlobServiceClient service, IOptions<StorageOptions> options)
{
    private readonly string prefix = options.Value.ContainerPrefix;

    public BlobServiceClient Service => service;

    public BlobContainerClient Verification => service.GetBlobContainerClient(prefix + "verification");

    public BlobContainerClient Answers => service.GetBlobContainerClient(prefix + "answers");

    /// <summary>Draft evaluations too long for a table row.</summary>
    public BlobContainerClient Reports => service.GetBlobContainerClient(prefix + "reports");

    /// <summary>Published reports, write-once; public readers get them through <c>GET /api/reports</c>.</summary>
    public BlobContainerClient Published => service.GetBlobContainerClient(prefix + "published");

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(new[] { Verification, Answers, Reports, Published }.Select(container => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
}
