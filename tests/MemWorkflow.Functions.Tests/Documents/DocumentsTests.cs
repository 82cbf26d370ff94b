using System.IO.Compression;
using System.Net;
using System.Text;
using Azure.Storage.Blobs.Specialized;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Documents;

public sealed class DocumentsTests
{
    private static async Task<(MemApp App, HttpClient Nce, string RoundId)> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = await MemApp.StartAsync(settings);
        var nce = await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" } });
        return (app, app.Client(nce.Token), roundId);
    }

    [Fact]
    public async Task TheThreeEvidenceDocuments_UploadThroughBothPaths_WithTheServersSha256EqualToOurs()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var first = Evidence.Seed(Evidence.SeedFiles[0]);
        var viaSas = await nce.UploadAsync(roundId, "MEX", Evidence.SeedFiles[0], first);
        Assert.Equal(Evidence.Sha256(first), viaSas["sha256"].Str());
        Assert.Equal("text/plain", viaSas["contentType"].Str());
        Assert.Equal(first.Length, viaSas["length"]!.GetValue<long>());

        foreach (var name in Evidence.SeedFiles.Skip(1))
        {
            var bytes = Evidence.Seed(name);
            var reservation = await nce.ReserveAsync(roundId, "MEX", name, bytes.Length);
            var viaApp = await (await nce.PutContentAsync(roundId, "MEX", reservation["documentId"].Str(), bytes)).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(Evidence.Sha256(bytes), viaApp["sha256"].Str());
            Assert.Equal(name, viaApp["fileName"].Str());
        }

        var listed = (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX/documents")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(Evidence.SeedFiles, listed.Select(d => d!["fileName"].Str()));
        Assert.All(listed, d => Assert.Equal("completed", d!["status"].Str()));

        var download = await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents/{viaSas["documentId"].Str()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(first, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Evidence.SeedFiles[0], download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);

        var history = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, history["history"]!.AsArray().Count(h => h!["type"].Str() == "documentCompleted"));
    }

    /// <summary>The bytes pass through in 4 MiB blocks: the app never holds a large part of an upload
    /// (the documents benchmark measures its memory; this pins the block size that keeps it low).</summary>
    [Fact]
    public async Task ALargeFileStreamedThroughTheApp_IsStoredIn4MiBBlocks_WithItsSha256()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var bytes = new byte[10 * 1024 * 1024];
        Random.Shared.NextBytes(bytes);
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(bytes, 0);
        Encoding.ASCII.GetBytes("\n%%EOF\n").CopyTo(bytes, bytes.Length - 7);

        var reservation = await nce.ReserveAsync(roundId, "MEX", "informe-anual.pdf", bytes.Length);
        var completed = await (await nce.PutContentAsync(roundId, "MEX", reservation["documentId"].Str(), bytes)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(Evidence.Sha256(bytes), completed["sha256"].Str());
        Assert.Equal("application/pdf", completed["contentType"].Str());
        var stored = app.Service<MemWorkflow.Functions.Documents.DocumentStore>().Blob(roundId, "MEX", reservation["documentId"].Str());
        var blob = stored.GetParentBlobContainerClient().GetBlockBlobClient(stored.Name);
        var blocks = (await blob.GetBlockListAsync()).Value.CommittedBlocks.ToList();
        Assert.Equal([4 * 1024 * 1024, 4 * 1024 * 1024, 2 * 1024 * 1024], blocks.Select(b => b.SizeLong));
    }

    [Fact]
    public async Task AnExecutableRenamedPdf_Is415_ItsBlobIsDeleted_AndTheReservationIsSpent()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var exe = Encoding.Latin1.GetBytes("MZ\u0090\0\u0003\0\0\0\u0004\0\0\0\u00FF\u00FFThis program cannot be run in DOS mode.");
        var reservation = await nce.ReserveAsync(roundId, "MEX", "ley-general-de-salud.pdf", exe.Length, "application/pdf");
        var id = reservation["documentId"].Str();
        Assert.Equal(HttpStatusCode.Created, (await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), exe)).StatusCode);

        var problem = await (await nce.CompleteAsync(roundId, "MEX", id)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("a Windows executable", problem["detail"].Str());
        Assert.False(await BlobExistsAsync(app, roundId, id));
        await (await nce.CompleteAsync(roundId, "MEX", id)).ProblemAsync(HttpStatusCode.Conflict);
        var listed = (await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("rejected", listed.Single()!["status"].Str());
        await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WordDocuments_AreRecognisedByTheirEntries_AndOtherZipsAreRefused()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var docx = Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"));
        var word = await nce.UploadAsync(roundId, "MEX", "informe.docx", docx);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", word["contentType"].Str());

        var other = Zip(("tool.exe", "MZ"));
        var reservation = await nce.ReserveAsync(roundId, "MEX", "informe.docx", other.Length);
        await (await nce.PutContentAsync(roundId, "MEX", reservation["documentId"].Str(), other)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    /// <summary>A ZIP's names are read from its central directory as a stream, up to a cap: an archive with more
    /// entries than any Office document (here 10,001, and 70,000 in a ZIP64 directory) is refused without
    /// its names being held, while a Word document with a macro hidden among many entries is still found out.</summary>
    [Fact]
    public async Task AZipWithMoreEntriesThanAnyDocument_IsRefused_WhileEveryNameOfARealOneIsRead()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        foreach (var count in new[] { 10_001, 70_000 })
        {
            var crowded = Zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), .. Enumerable.Range(0, count).Select(i => ($"word/media/{i}", ""))]);
            var reservation = await nce.ReserveAsync(roundId, "MEX", "informe.docx", crowded.Length);
            Assert.Equal(HttpStatusCode.Created, (await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), crowded)).StatusCode);
            var problem = await (await nce.CompleteAsync(roundId, "MEX", reservation["documentId"].Str())).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
            Assert.Contains($"a ZIP archive of {count + 2:N0} entries", problem["detail"].Str());
            Assert.False(await BlobExistsAsync(app, roundId, reservation["documentId"].Str()));
        }

        var macro = Zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"), .. Enumerable.Range(0, 9_000).Select(i => ($"word/media/{i}", "")),
            ("word/vbaProject.bin", "macro")]);
        var refused = await nce.ReserveAsync(roundId, "MEX", "informe.docx", macro.Length);
        await Evidence.PutToStorageAsync(refused["uploadUrl"].Str(), macro);
        Assert.Contains("macro", (await (await nce.CompleteAsync(roundId, "MEX", refused["documentId"].Str())).ProblemAsync(HttpStatusCode.UnsupportedMediaType))["detail"].Str());
        var word = await nce.UploadAsync(roundId, "MEX", "informe.docx", Zip([("[Content_Types].xml", "<Types/>"), .. Enumerable.Range(0, 9_000).Select(i => ($"word/media/{i}", ""))]));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", word["contentType"].Str());
    }

    [Fact]
    public async Task OverTheSizeLimit_Is413_AtReservation_ThroughTheApp_AndAtCompletion_AndNothingIsKept()
    {
        var (app, nce, roundId) = await StartAsync(new Dictionary<string, string?> { ["Mem:Documents:MaxBytes"] = "4096" });
        await using var _ = app;
        var big = Evidence.Seed(Evidence.SeedFiles[0]);
        Assert.True(big.Length > 4096);
        var before = (await app.RowsAsync("rounds")).Count;
        await (await nce.PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/documents", new { fileName = "big.txt", length = 5000 }))
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, (await app.RowsAsync("rounds")).Count);

        var viaApp = await nce.ReserveAsync(roundId, "MEX", "big.txt", 4000);
        await (await nce.PutContentAsync(roundId, "MEX", viaApp["documentId"].Str(), big)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.False(await BlobExistsAsync(app, roundId, viaApp["documentId"].Str()));

        var viaSas = await nce.ReserveAsync(roundId, "MEX", "big.txt", 4000);
        Assert.Equal(HttpStatusCode.Created, (await Evidence.PutToStorageAsync(viaSas["uploadUrl"].Str(), big)).StatusCode);
        var problem = await (await nce.CompleteAsync(roundId, "MEX", viaSas["documentId"].Str())).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("the limit is 4,096 bytes", problem["detail"].Str());
        Assert.False(await BlobExistsAsync(app, roundId, viaSas["documentId"].Str()));
    }

    /// <summary>An upload URL cannot limit what is put to it: a reservation never completed (here with a
    /// blob over the limit behind it, and one with nothing behind it) is refused and its blob deleted by
    /// the evaluation's workflow once <c>AbandonedAfter</c> passed, and can never become evidence.</summary>
    [Fact]
    public async Task AnUploadNeverCompleted_IsRefusedAndItsBlobDeleted_ByTheWorkflow_AndNeverBecomesEvidence()
    {
        var (app, nce, roundId) = await StartAsync(new Dictionary<string, string?>
        {
            ["Mem:Documents:MaxBytes"] = "4096",
            ["Mem:Documents:AbandonedAfter"] = "12:00:00",
        });
        await using var _ = app;
        var big = Evidence.Seed(Evidence.SeedFiles[0]);
        var oversized = await nce.ReserveAsync(roundId, "MEX", "big.txt", 4000);
        Assert.Equal(HttpStatusCode.Created, (await Evidence.PutToStorageAsync(oversized["uploadUrl"].Str(), big)).StatusCode);
        var empty = await nce.ReserveAsync(roundId, "MEX", "never.txt", 100);
        var kept = await nce.UploadAsync(roundId, "MEX", "kept.txt", Encoding.UTF8.GetBytes("A completed means of verification."));
        await app.SettleAsync(roundId);

        // The heartbeat (6 hours) comes first; then the abandonment, not the next heartbeat.
        Assert.Equal(MemApp.Epoch.AddHours(6), await NextWakeUpAsync(app, roundId));
        await app.AdvanceClockAsync("PT6H");
        Assert.Equal(MemApp.Epoch.AddHours(12), await NextWakeUpAsync(app, roundId));
        await app.AdvanceClockAsync("PT5H59M");
        Assert.True(await BlobExistsAsync(app, roundId, oversized["documentId"].Str()));
        await app.AdvanceClockAsync("PT1M");
        await app.SettleAsync(roundId);

        var listed = (await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents")).JsonAsync(HttpStatusCode.OK)).AsArray();
        foreach (var id in new[] { oversized["documentId"].Str(), empty["documentId"].Str() })
        {
            var document = listed.Single(d => d!["documentId"].Str() == id)!;
            Assert.Equal("rejected", document["status"].Str());
            Assert.Contains("not completed within 12 hours", document["rejectionReason"].Str());
            Assert.False(await BlobExistsAsync(app, roundId, id));
            await (await nce.CompleteAsync(roundId, "MEX", id)).ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(HttpStatusCode.NotFound, (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents/{id}")).StatusCode);
        }
        Assert.Equal("completed", listed.Single(d => d!["documentId"].Str() == kept["documentId"].Str())!["status"].Str());
        Assert.True(await BlobExistsAsync(app, roundId, kept["documentId"].Str(), intake: false));

        var answer = await nce.SaveAnswerAsync(roundId, "MEX", "IC-1.1", "implemented", "Evidence attached.", [oversized["documentId"].Str()]);
        Assert.Contains("failed verification", (await answer.ProblemAsync(HttpStatusCode.BadRequest))["detail"].Str());
        var history = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, history["history"]!.AsArray().Count(h => h!["type"].Str() == "documentRejected" && h["actor"].Str() == "system"));
    }

    [Fact]
    public async Task AnUploadUrl_CannotOverwrite_NorWriteAnotherBlob_AndStopsWorkingWhenItExpires()
    {
        var (app, nce, roundId) = await StartAsync(new Dictionary<string, string?> { ["Mem:Documents:UploadUrlLifetime"] = "00:00:02" });
        await using var _ = app;
        var bytes = Evidence.Seed(Evidence.SeedFiles[0]);
        var reservation = await nce.ReserveAsync(roundId, "MEX", "inl.txt", bytes.Length);
        var url = reservation["uploadUrl"].Str();
        Assert.Equal(HttpStatusCode.Created, (await Evidence.PutToStorageAsync(url, bytes)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Evidence.PutToStorageAsync(url, Encoding.UTF8.GetBytes("forged evidence"))).StatusCode);
        var sibling = url.Replace(reservation["documentId"].Str(), "d-000000000000", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Evidence.PutToStorageAsync(sibling, bytes)).StatusCode);
        var verified = await (await nce.CompleteAsync(roundId, "MEX", reservation["documentId"].Str())).JsonAsync(HttpStatusCode.OK);

        // Completion moved the upload out of the intake container: while it lives, the URL may create its intake blob
        // again, and that never reaches the evidence. A completion answers the same and deletes it.
        await Evidence.PutToStorageAsync(url, Encoding.UTF8.GetBytes("forged evidence"));
        var download = await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents/{reservation["documentId"].Str()}");
        Assert.Equal(verified["sha256"].Str(), Evidence.Sha256(await download.Content.ReadAsByteArrayAsync()));
        Assert.Equal(verified.ToJsonString(), (await (await nce.CompleteAsync(roundId, "MEX", reservation["documentId"].Str())).JsonAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.False(await BlobExistsAsync(app, roundId, reservation["documentId"].Str(), verification: false));

        var late = await nce.ReserveAsync(roundId, "MEX", "late.txt", bytes.Length);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.Forbidden, (await Evidence.PutToStorageAsync(late["uploadUrl"].Str(), bytes)).StatusCode);
        await (await nce.CompleteAsync(roundId, "MEX", late["documentId"].Str())).ProblemAsync(HttpStatusCode.Conflict);
    }

    /// <summary>The upload URL's "create" right also lets storage copy another blob into it, server-side: whatever
    /// storage allows, what was copied never becomes evidence, and its blob is deleted.</summary>
    [Fact]
    public async Task ABlobCopiedIntoTheUploadUrl_ServerSide_NeverBecomesEvidence()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var bytes = Evidence.Seed(Evidence.SeedFiles[0]);
        var storage = await TestStorage.GetAsync();
        var source = new Azure.Storage.Blobs.BlobServiceClient(storage.ConnectionString).GetBlobContainerClient("copy-source-" + Guid.NewGuid().ToString("N")[..8]);
        await source.CreateAsync();
        var original = source.GetBlobClient("evidence.txt");
        await original.UploadAsync(new BinaryData(bytes));
        var readable = original.GenerateSasUri(Azure.Storage.Sas.BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));

        var copied = 0;
        foreach (var copy in new Func<Azure.Storage.Blobs.BlobClient, Task>[]
        {
            target => target.StartCopyFromUriAsync(readable),
            target => target.SyncCopyFromUriAsync(readable),
            target => new Azure.Storage.Blobs.Specialized.BlockBlobClient(target.Uri, new Azure.Storage.Blobs.BlobClientOptions { Retry = { MaxRetries = 0 } }).SyncUploadFromUriAsync(readable),
        })
        {
            var reservation = await nce.ReserveAsync(roundId, "MEX", "copied.txt", bytes.Length);
            var target = new Azure.Storage.Blobs.BlobClient(new Uri(reservation["uploadUrl"].Str()), new Azure.Storage.Blobs.BlobClientOptions { Retry = { MaxRetries = 0 } });
            var blob = app.Service<MemWorkflow.Functions.Documents.DocumentStore>().IntakeBlob(roundId, "MEX", reservation["documentId"].Str());
            try
            {
                await copy(target);
                copied++;
                // An asynchronous copy may still run: completion is tried once it has landed.
                for (var i = 0; i < 50 && (await blob.GetPropertiesAsync()).Value.CopyStatus == Azure.Storage.Blobs.Models.CopyStatus.Pending; i++)
                    await Task.Delay(100);
            }
            catch (Azure.RequestFailedException e)
            {
                // Storage refused the copy itself (Azurite does not do every kind of copy): nothing was written.
                Assert.False((await blob.ExistsAsync()).Value, e.Message);
            }
            var completed = await nce.CompleteAsync(roundId, "MEX", reservation["documentId"].Str());
            Assert.True(completed.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict, await completed.Content.ReadAsStringAsync());
            Assert.False(await BlobExistsAsync(app, roundId, reservation["documentId"].Str()));
        }
        // At least one kind of copy went through: the refusal above is the app's, not only storage's.
        Assert.True(copied > 0, "Storage refused every kind of server-side copy.");
        var listed = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.AsArray(), d => d!["status"]?.GetValue<string>() == "verified");
    }

    [Fact]
    public async Task ACompletionBeforeTheUpload_Is409AndChangesNothing_ThenWorksAfterIt()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var bytes = Evidence.Seed(Evidence.SeedFiles[2]);
        var reservation = await nce.ReserveAsync(roundId, "MEX", "strategy.txt", bytes.Length);
        var id = reservation["documentId"].Str();
        var before = (await app.RowsAsync("rounds")).Count;
        var problem = await (await nce.CompleteAsync(roundId, "MEX", id)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Nothing has been uploaded", problem["detail"].Str());
        Assert.Equal(before, (await app.RowsAsync("rounds")).Count);

        await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), bytes);
        var done = await (await nce.CompleteAsync(roundId, "MEX", id)).JsonAsync(HttpStatusCode.OK);
        var again = await (await nce.CompleteAsync(roundId, "MEX", id)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(done.ToJsonString(), again.ToJsonString());
        await (await nce.PutContentAsync(roundId, "MEX", id, bytes)).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OnlyTheStatesNce_WritesDocuments_AndOthersGetTheRightRefusal()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var colombia = app.Client((await app.RegisterAsync("nce", "COL")).Token);
        var expert = app.Client((await app.RegisterAsync("geg", "COL", expertise: ["IS"])).Token);
        var consultant = app.Client((await app.RegisterAsync("consultant", "CAN", expertise: ["IS"])).Token);
        var body = new { fileName = "x.txt", contentType = "text/plain", length = 10 };
        var path = $"/api/rounds/{roundId}/countries/MEX/documents";

        await (await colombia.PostJsonAsync(path, body)).ProblemAsync(HttpStatusCode.NotFound);
        await (await colombia.GetAsync(path)).ProblemAsync(HttpStatusCode.NotFound);
        await (await expert.PostJsonAsync(path, body)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await consultant.PostJsonAsync(path, body)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Admin().PostJsonAsync(path, body)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await nce.PostRawAsync(path, "{\"fileName\": \"x.txt\", \"length\": \"ten\"}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await nce.PostJsonAsync(path, new { fileName = "", length = 10 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await nce.PostJsonAsync(path, new { fileName = "x.txt", length = 0 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await nce.CompleteAsync(roundId, "MEX", "d-ffffffffffff")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin().GetAsync(path)).StatusCode);

        var sanitized = await nce.ReserveAsync(roundId, "MEX", "..\\..\\secret/../../Informe\u0007 final.pdf", 10);
        Assert.Equal("Informe final.pdf", sanitized["fileName"].Str());
    }

    private static async Task<DateTimeOffset> NextWakeUpAsync(MemApp app, string roundId)
    {
        var workflow = await app.SettleAsync(roundId);
        return workflow["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == "MEX")!["nextWakeUp"]!.GetValue<DateTimeOffset>();
    }

    /// <summary>Whether the upload is anywhere: in the verification container, or in intake, where upload URLs put it.</summary>
    private static async Task<bool> BlobExistsAsync(MemApp app, string roundId, string documentId, bool verification = true, bool intake = true)
    {
        var store = app.Service<MemWorkflow.Functions.Documents.DocumentStore>();
        return (verification && (await store.Blob(roundId, "MEX", documentId).ExistsAsync()).Value)
            || (intake && (await store.IntakeBlob(roundId, "MEX", documentId).ExistsAsync()).Value);
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }
        return memory.ToArray();
    }

    [Fact]
    public async Task AFileName_LosesItsBidirectionalTricks_AndADownload_EndsInTheIdentifiedTypesExtension()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        // "minutes\u202Etxt.exe" shows as "minutesexe.txt" to a reader; it is a text file either way.
        var verified = await nce.UploadAsync(roundId, "MEX", "minutes\u202Etxt.exe", Encoding.UTF8.GetBytes("Minutes of the inter-agency meeting."));
        Assert.Equal("minutestxt.exe", verified["fileName"].Str());
        Assert.Equal("text/plain", verified["contentType"].Str());

        var download = await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents/{verified["documentId"].Str()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("minutestxt.exe.txt", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task AFileThatIsTextOnlyAtItsStart_IsRefused_AndNeverBecomesEvidence()
    {
        var (app, nce, roundId) = await StartAsync();
        await using var _ = app;
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Acta de la reunión interinstitucional.\n", 400)));
        bytes[10_000] = 0x00;
        var reservation = await nce.ReserveAsync(roundId, "MEX", "acta.txt", bytes.Length);
        Assert.Equal(HttpStatusCode.Created, (await Evidence.PutToStorageAsync(reservation["uploadUrl"].Str(), bytes)).StatusCode);

        var refused = await (await nce.CompleteAsync(roundId, "MEX", reservation["documentId"].Str())).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("not text throughout (binary data at byte 10,000)", refused["detail"].Str());
        var documents = await (await nce.GetAsync($"/api/rounds/{roundId}/countries/MEX/documents")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(documents.AsArray(), d => d!["documentId"].Str() == reservation["documentId"].Str() && d["status"].Str() == "completed");
        await (await nce.SaveAnswerAsync(roundId, "MEX", "IC-1.1", "implemented", "See the minutes.", [reservation["documentId"].Str()]))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }
}
