using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MemWorkflow.Functions.Documents;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Documents;

/// <summary>Browsers upload to the intake container (in Azure, an account of its own that stays public), and only
/// bytes the app verified move into the verification container, through the app. Here both containers are in the
/// test run's one Azurite account (the app's container prefix, then <c>intake</c> or <c>verification</c>), as
/// they are locally: the split these tests prove is the containers', which is what the code addresses.</summary>
public sealed class IntakeTests
{
    private static async Task<(MemApp App, HttpClient Nce, string RoundId)> StartAsync(HttpPipelinePolicy? storagePolicy = null)
    {
        var app = await MemApp.StartAsync(configureServices: storagePolicy is null ? null : s => s.AddSingleton(storagePolicy));
        var nce = await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        return (app, app.Client(nce.Token), roundId);
    }

    private static BlobClient IntakeBlob(MemApp app, string roundId, string id) => app.Service<DocumentStore>().IntakeBlob(roundId, "MEX", id);

    private static BlobClient VerificationBlob(MemApp app, string roundId, string id) => app.Service<DocumentStore>().Blob(roundId, "MEX", id);

    private static async Task<byte[]?> ReadAsync(BlobClient blob) =>
        (await blob.ExistsAsync()).Value ? (await blob.DownloadContentAsync()).Value.Content.ToArray() : null;

    private static async Task<int> CompletedEventsAsync(MemApp app, string roundId, string id)
    {
        var country = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        return country["history"]!.AsArray().Count(h => h!["type"].Str() == "documentCompleted" && h.ToJsonString().Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUploadThroughItsUrl_LandsInTheIntakeContainer_AndCompletionMovesItIntoVerification_WithTheSameSha256()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var bytes = Evidence.Seed(Evidence.SeedFiles[1]);
        var reservation = await nce.ReserveAsync(roundId, "MEX", "observations.txt", bytes.Length);
        var id = reservation["documentId"].Str();
        Assert.Contains($"/{app.TablePrefix}intake/{roundId}/MEX/{id}?", reservation["uploadUrl"].Str());
        Assert.Equal(HttpStatusCode.Created, (await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), bytes)).StatusCode);
        Assert.Equal(bytes, await ReadAsync(IntakeBlob(app, roundId, id)));
        Assert.Null(await ReadAsync(VerificationBlob(app, roundId, id)));

        var completed = await (await nce.CompleteAsync(roundId, "MEX", id)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Evidence.Sha256(bytes), completed["sha256"].Str());
        var moved = VerificationBlob(app, roundId, id);
        Assert.Equal(bytes, await ReadAsync(moved));
        // Written by the app as the bytes passed, not copied by storage: a later check of it sees an upload, not a copy.
        Assert.Null((await moved.GetPropertiesAsync()).Value.CopyId);
        Assert.Empty(await app.Service<Functions.Storage.StorageBlobs>().Intake.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{roundId}/", CancellationToken.None).ToListAsync());
        Assert.Equal(1, await CompletedEventsAsync(app, roundId, id));
    }

    /// <summary>The process stops at each point of a completion (here: its storage requests fail from that point on, as
    /// they would for a process that died there): after the move, before the record; after the record, before
    /// the intake blob is deleted. Nothing is lost, nothing without its blob is recorded, and the retry completes it once.</summary>
    [Fact]
    public async Task ACompletionStoppedAfterTheMoveOrAfterTheRecord_IsFinishedByItsRetry_WithOneDocumentRecorded()
    {
        var crash = new StorageCrash();
        var (app, nce, roundId) = await StartAsync(crash);
        await using var _ = app;
        var bytes = Evidence.Seed(Evidence.SeedFiles[2]);
        foreach (var stop in new Func<HttpMessage, string, bool>[]
        {
            (request, _) => request.Request.Method == RequestMethod.Post && StorageCrash.Body(request).Contains("documentCompleted", StringComparison.Ordinal),
            (request, id) => request.Request.Method == RequestMethod.Delete && request.Request.Uri.ToString().Contains($"intake/{roundId}/MEX/{id}", StringComparison.Ordinal),
        })
        {
            var reservation = await nce.ReserveAsync(roundId, "MEX", "strategy.txt", bytes.Length);
            var id = reservation["documentId"].Str();
            await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), bytes);

            crash.When = request => stop(request, id);
            var stopped = await nce.CompleteAsync(roundId, "MEX", id);
            crash.When = null;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
            // The bytes are in the verification container, and still in intake.
            Assert.Equal(bytes, await ReadAsync(VerificationBlob(app, roundId, id)));
            Assert.Equal(bytes, await ReadAsync(IntakeBlob(app, roundId, id)));

            var retried = await (await nce.CompleteAsync(roundId, "MEX", id)).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(Evidence.Sha256(bytes), retried["sha256"].Str());
            Assert.Equal(retried.ToJsonString(), (await (await nce.CompleteAsync(roundId, "MEX", id)).JsonAsync(HttpStatusCode.OK)).ToJsonString());
            Assert.Equal(1, await CompletedEventsAsync(app, roundId, id));
            Assert.Null(await ReadAsync(IntakeBlob(app, roundId, id)));
            var download = await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents/{id}");
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task ARefusedUpload_LeavesNeitherBlob_AndNoDocument()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var exe = Encoding.Latin1.GetBytes("MZ\u0090\0\u0003\0\0\0\u0004\0\0\0\u00FF\u00FFThis program cannot be run in DOS mode.");
        var reservation = await nce.ReserveAsync(roundId, "MEX", "informe.pdf", exe.Length, "application/pdf");
        var id = reservation["documentId"].Str();
        await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), exe);

        await (await nce.CompleteAsync(roundId, "MEX", id)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Null(await ReadAsync(IntakeBlob(app, roundId, id)));
        Assert.Null(await ReadAsync(VerificationBlob(app, roundId, id)));
        Assert.Equal(0, await CompletedEventsAsync(app, roundId, id));
    }

    /// <summary>Someone with the account's key replaces the intake blob after the NCE uploaded it: what is recorded is
    /// the hash of what the verification container holds and a download returns, never the first file's.</summary>
    [Fact]
    public async Task AnIntakeBlobReplacedBeforeCompletion_IsRecordedOnlyUnderTheHashOfTheBytesKept()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var first = Evidence.Seed(Evidence.SeedFiles[0]);
        var other = Encoding.UTF8.GetBytes("Another text, put in place of the upload.");
        var reservation = await nce.ReserveAsync(roundId, "MEX", "inl.txt", first.Length);
        var id = reservation["documentId"].Str();
        await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), first);
        await (await ByKeyAsync(app, roundId, id)).UploadAsync(new BinaryData(other), overwrite: true);

        var completed = await (await nce.CompleteAsync(roundId, "MEX", id)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Evidence.Sha256(other), completed["sha256"].Str());
        Assert.Equal(other, await ReadAsync(VerificationBlob(app, roundId, id)));
        Assert.Equal(other, await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents/{id}")).Content.ReadAsByteArrayAsync());
    }

    /// <summary>The intake blob is replaced after the app verified it and before the app moves it: the move reads only
    /// the version verified, so the upload is refused and nothing of either file becomes evidence.</summary>
    [Fact]
    public async Task AnIntakeBlobChangedBetweenVerificationAndTheMove_IsRefused_AndNeverBecomesEvidence()
    {
        var replace = new ReplaceBeforeTheMove();
        var (app, nce, roundId) = await StartAsync(replace);
        await using var _ = app;
        var first = Evidence.Seed(Evidence.SeedFiles[0]);
        var reservation = await nce.ReserveAsync(roundId, "MEX", "inl.txt", first.Length);
        var id = reservation["documentId"].Str();
        await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), first);
        replace.Blob = await ByKeyAsync(app, roundId, id);
        replace.With = Encoding.UTF8.GetBytes("Another text, put in place of the verified upload.");

        var refused = await (await nce.CompleteAsync(roundId, "MEX", id)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.True(replace.Replaced);
        Assert.Contains("changed in storage after it was verified", refused["detail"].Str());
        Assert.Null(await ReadAsync(IntakeBlob(app, roundId, id)));
        Assert.Null(await ReadAsync(VerificationBlob(app, roundId, id)));
        Assert.Equal(0, await CompletedEventsAsync(app, roundId, id));
        await (await nce.CompleteAsync(roundId, "MEX", id)).ProblemAsync(HttpStatusCode.Conflict);
    }

    /// <summary>The intake blob through the emulator's account key, outside the app's pipeline.</summary>
    private static async Task<BlobClient> ByKeyAsync(MemApp app, string roundId, string id)
    {
        var intake = IntakeBlob(app, roundId, id);
        return new BlobClient((await TestStorage.GetAsync()).ConnectionString, intake.BlobContainerName, intake.Name);
    }

    /// <summary>Fails the app's storage requests that <see cref="When"/> picks, as a process that died there would leave them.</summary>
    /// <summary>Replaces <see cref="Blob"/> just before the app's first whole-blob read of it (the move: verification
    /// reads ranges), as a writer racing the app would.</summary>
    private sealed class ReplaceBeforeTheMove : HttpPipelinePolicy
    {
        public BlobClient? Blob { get; set; }

        public byte[]? With { get; set; }

        public bool Replaced { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Blob is { } blob && !Replaced && message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.EndsWith(blob.Name, StringComparison.Ordinal)
                && !message.Request.Headers.Contains("x-ms-range") && !message.Request.Headers.Contains("Range"))
            {
                Replaced = true;
                await blob.UploadAsync(new BinaryData(With!), overwrite: true);
            }
            await ProcessNextAsync(message, pipeline);
        }
    }
}
