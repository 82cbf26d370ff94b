using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MemWorkflow.Functions.Http;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Storage;

/// <summary>The app's blob containers. <c>verification</c>: means of verification, write-once, named
/// <c>{round}/{country}/{documentId}</c>. <c>answers</c>: NCE narratives too long for a table row.
/// <c>intake</c>: what browsers upload, unverified, under the same names, in the intake account.</summary>
public sealed class StorageBlobs(BlobServiceClient service, IOptions<StorageOptions> options,
    [FromKeyedServices(StorageBlobs.IntakeKey)] BlobServiceClient? intake = null)
{
    public const string IntakeKey = "intake";

    private readonly string prefix = options.Value.ContainerPrefix;

    public BlobServiceClient Service => service;

    /// <summary>The account browsers upload to: the intake account in Azure, else this same one.</summary>
    public BlobServiceClient IntakeService => intake ?? service;

    public BlobContainerClient Verification => service.GetBlobContainerClient(prefix + "verification");

    /// <summary>Uploads not verified yet: the app verifies each and moves it into <see cref="Verification"/>.
    /// Nothing here is evidence, and nothing here stays (the template's lifecycle rule deletes what is left).</summary>
    public BlobContainerClient Intake => IntakeService.GetBlobContainerClient(prefix + "intake");

    public BlobContainerClient Answers => service.GetBlobContainerClient(prefix + "answers");

    /// <summary>Draft evaluations too long for a table row.</summary>
    public BlobContainerClient Reports => service.GetBlobContainerClient(prefix + "reports");

    /// <summary>Published reports, write-once; public readers get them through <c>GET /api/reports</c>.</summary>
    public BlobContainerClient Published => service.GetBlobContainerClient(prefix + "published");

    /// <summary>The storage emulator's account name: only there does the app set the account's CORS itself.</summary>
    public const string EmulatorAccount = "devstoreaccount1";

    /// <summary>Locally the emulator plays the intake account, so it allows what infra/ allows in Azure:
    /// upload PUTs (the portal's upload URLs) from the portal's origin, nothing more. In Azure the
    /// template sets these rules; the app's identity may not.</summary>
    public async Task AllowPortalUploadsAsync(Uri portal, CancellationToken cancellationToken = default)
    {
        if (IntakeService.AccountName != EmulatorAccount)
            return;
        var origin = portal.GetLeftPart(UriPartial.Authority);
        var properties = (await IntakeService.GetPropertiesAsync(cancellationToken)).Value;
        if (properties.Cors is [{ AllowedMethods: "PUT" } only] && only.AllowedOrigins == origin)
            return;
        properties.Cors = [new BlobCorsRule { AllowedOrigins = origin, AllowedMethods = "PUT", AllowedHeaders = "*", ExposedHeaders = "ETag", MaxAgeInSeconds = 3600 }];
        await IntakeService.SetPropertiesAsync(properties, cancellationToken);
    }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(new[] { Verification, Intake, Answers, Reports, Published }.Select(container => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
}
