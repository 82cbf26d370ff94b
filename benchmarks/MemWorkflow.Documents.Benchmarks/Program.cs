using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost;

// Upload throughput of means of verification on local Azurite, three ways, as a real client does it:
//   SAS:      reserve -> PUT the bytes to the create-only upload URL (straight to storage) -> POST completion
//   streamed: reserve -> PUT the bytes to .../documents/{id}/content (the app streams them to storage and completes)
//   direct:   BlobClient.UploadAsync of the same bytes (the baseline: no app at all)
// The app runs as a separate process (MemWorkflow.LocalHost.dll, copied beside this benchmark by the project
// reference, started with `dotnet`), a fresh one for each app path, so its memory can be read from /proc: VmRSS
// sampled every 10 ms and VmHWM (reset through clear_refs as each upload starts). The target: while a 100 MB file
// is streamed through the app, its peak stays under 64 MB above its idle RSS after warm-up. Each line also says how
// the blob was written (one Put Blob, or n staged blocks), which shows how the app's storage SDK partitioned the body.
// Sizes are in MiB (1 MB here = 1,048,576 bytes): 100 MB is exactly the default Mem:Documents:MaxBytes.
//
// dotnet run -c Release --project benchmarks/MemWorkflow.Documents.Benchmarks [-- --runs 3] [--app path/MemWorkflow.LocalHost.dll]
// (--app: measure another build of the app, e.g. one with a candidate fix)
const long MB = 1024 * 1024;
const double TargetMB = 64;

var runs = 3;
string? appDll = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--runs" && i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0)
    {
        runs = r;
        i++;
    }
    else if (args[i] == "--app" && i + 1 < args.Length)
        appDll = Path.GetFullPath(args[++i]);
    else
    {
        Console.Error.WriteLine($"Unknown argument {args[i]}. Usage: [--runs N] [--app path/to/MemWorkflow.LocalHost.dll]");
        return 2;
    }
}
appDll ??= Path.Combine(AppContext.BaseDirectory, "MemWorkflow.LocalHost.dll");
if (!File.Exists(appDll))
{
    Console.Error.WriteLine($"The app is not built at {appDll}.");
    return 2;
}
if (!File.Exists("/proc/self/status"))
{
    Console.Error.WriteLine("This benchmark reads the app's memory from /proc: it runs on Linux only.");
    return 2;
}

long[] sizes = [20 * MB, 100 * MB];
Console.WriteLine($"MemWorkflow documents upload benchmark: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                  $".NET {Environment.Version}, Azurite 3.35.0 (in memory), {runs} runs per size and path");
Console.WriteLine($"App: {appDll}");

await using var azurite = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);
var blobService = new BlobServiceClient(azurite.ConnectionString);
var directContainer = blobService.GetBlobContainerClient("benchdirect");
await directContainer.CreateIfNotExistsAsync();
using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
using var storageHttp = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };

var files = sizes.ToDictionary(s => s, s => Pdf(s, seed: (int)(s / MB)));
var hashes = files.ToDictionary(f => f.Key, f => Convert.ToHexStringLower(SHA256.HashData(f.Value)));
var small = Pdf(1 * MB, seed: 1);
var smallHash = Convert.ToHexStringLower(SHA256.HashData(small));
Console.WriteLine($"Files: PDF (%PDF-1.7 header, random body, %%EOF trailer), {string.Join(" and ", sizes.Select(s => $"{s / MB} MB = {s:N0} bytes"))}; " +
                  "each upload is a new document: reserved, uploaded, completed, and the answer checked (application/pdf, length, SHA-256); " +
                  "every blob is deleted after its run so storage holds the same between runs");
Console.WriteLine("Each app path gets a fresh app process: warm-up (1 MB through both app paths), idle RSS, then the 100 MB runs first, then the 20 MB runs.");
Console.WriteLine();

var results = new List<Result>();
var idles = new Dictionary<string, Idle>();

await DirectAsync(small);
foreach (var size in sizes)
{
    for (var run = 1; run <= runs; run++)
        Print(results.AddAndReturn(new Result("direct", size, run, await DirectAsync(files[size]), null, null, null)));
}
foreach (var path in new[] { "SAS", "streamed" })
{
    await using var session = await AppSession.StartAsync(appDll, azurite.ConnectionString, blobService, handler);
    await SasAsync(session, small, smallHash, sample: false);
    await StreamedAsync(session, small, smallHash, sample: false);
    await Task.Delay(TimeSpan.FromSeconds(3));
    var idle = idles[path] = RssSampler.Idle(session.App.Pid, TimeSpan.FromSeconds(2));
    Console.WriteLine($"{path}: fresh app, pid {session.App.Pid} on {session.App.BaseAddress}, Server GC {session.App.ServerGc}, Production environment, " +
                      $"Mem:Documents:MaxBytes default (104,857,600 bytes); idle after warm-up: VmRSS median {idle.MedianMB:F1} MB over {idle.Samples} samples " +
                      $"(min {idle.MinMB:F1}, max {idle.MaxMB:F1})");
    foreach (var size in sizes.OrderDescending())
    {
        for (var run = 1; run <= runs; run++)
        {
            var (transfer, completion, memory, blocks) = path == "SAS"
                ? await SasAsync(session, files[size], hashes[size], sample: true)
                : await StreamedAsync(session, files[size], hashes[size], sample: true);
            Print(results.AddAndReturn(new Result(path, size, run, transfer, completion, memory, blocks)), idle);
        }
    }
}

Console.WriteLine();
Console.WriteLine("Summary (median of the runs; transfer = from the first byte sent until the blob exists in storage; end-to-end adds the completion, " +
                  "which reads the blob back and hashes it after a SAS upload (a streamed upload is hashed as it passes); ratio = to the direct BlobClient upload of the same size)");
Console.WriteLine($"  {"size",-7} {"path",-9} {"transfer MB/s",13} {"ratio",6}   {"completion",10} {"end-to-end MB/s",15} {"ratio",6}");
foreach (var size in sizes)
{
    var directMBs = Median(results.Where(r => r.Path == "direct" && r.Size == size).Select(r => r.MBs));
    foreach (var path in new[] { "direct", "SAS", "streamed" })
    {
        var set = results.Where(r => r.Path == path && r.Size == size).ToList();
        var mbs = Median(set.Select(r => r.MBs));
        var line = $"  {$"{size / MB} MB",-7} {path,-9} {mbs,13:F1} {mbs / directMBs,6:F2}";
        if (path != "direct")
        {
            var endToEnd = Median(set.Select(r => r.EndToEndMBs));
            line += $"   {Median(set.Select(r => r.Completion!.Value.TotalSeconds)),9:F3}s {endToEnd,15:F1} {endToEnd / directMBs,6:F2}";
        }
        Console.WriteLine(line);
    }
}

Console.WriteLine();
Console.WriteLine("App memory: VmRSS read from /proc/<pid>/status every 10 ms during each upload (reservation excluded, completion included), " +
                  $"and VmHWM after resetting it (clear_refs 5) as each upload starts; peak = the larger; target: peak under idle + {TargetMB:F0} MB");
var verdicts = new List<bool>();
foreach (var path in new[] { "SAS", "streamed" })
{
    foreach (var size in sizes)
    {
        var set = results.Where(r => r.Path == path && r.Size == size).Select(r => r.Memory!).ToList();
        var worst = set.Max(m => m.PeakMB) - idles[path].MedianMB;
        var pass = worst < TargetMB;
        var verdict = size == sizes[^1] ? (pass ? "PASS" : "FAIL") : (pass ? "(under)" : "(over)");
        if (size == sizes[^1])
            verdicts.Add(pass);
        Console.WriteLine($"  {path,-9} {size / MB,3} MB: idle {idles[path].MedianMB:F1} MB, worst peak {set.Max(m => m.PeakMB):F1} MB = {worst:+0.0;-0.0} MB over idle " +
                          $"(runs: {string.Join(", ", set.Select(m => $"{m.PeakMB - idles[path].MedianMB:+0.0;-0.0}"))})  {verdict}");
    }
}
Console.WriteLine(verdicts.All(v => v)
    ? $"Memory target met: the app stays under {TargetMB:F0} MB above idle while a 100 MB file goes through it."
    : $"Memory target NOT met: the app's peak rises {TargetMB:F0} MB or more above idle during a 100 MB upload (FAIL above).");
return 0;

async Task<TimeSpan> DirectAsync(byte[] bytes)
{
    var blob = directContainer.GetBlobClient($"{bytes.Length / MB}mb-{Guid.NewGuid():N}.pdf");
    var content = BinaryData.FromBytes(bytes);
    var watch = Stopwatch.StartNew();
    await blob.UploadAsync(content);
    var elapsed = watch.Elapsed;
    await blob.DeleteAsync();
    return elapsed;
}

async Task<(TimeSpan Transfer, TimeSpan Completion, Memory? Memory, int? Blocks)> SasAsync(AppSession session, byte[] bytes, string sha256, bool sample)
{
    var reservation = await session.ReserveAsync(bytes.Length);
    var documentId = reservation["documentId"]!.GetValue<string>();
    using var put = new HttpRequestMessage(HttpMethod.Put, reservation["uploadUrl"]!.GetValue<string>()) { Content = new ByteArrayContent(bytes) };
    put.Headers.Add("x-ms-blob-type", "BlockBlob");
    using var sampler = sample ? RssSampler.Start(session.App.Pid) : null;
    var watch = Stopwatch.StartNew();
    using (var response = await storageHttp.SendAsync(put))
    {
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"SAS PUT answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
    var transfer = watch.Elapsed;
    watch.Restart();
    var completed = await JsonAsync(await session.Nce.PostAsync($"{session.Documents}/{documentId}/completion", null), HttpStatusCode.OK);
    var completion = watch.Elapsed;
    var memory = sampler?.Stop();
    Check(completed, bytes.Length, sha256);
    return (transfer, completion, memory, await BlocksAndDeleteAsync(session.Blob(documentId)));
}

async Task<(TimeSpan Transfer, TimeSpan Completion, Memory? Memory, int? Blocks)> StreamedAsync(AppSession session, byte[] bytes, string sha256, bool sample)
{
    var documentId = (await session.ReserveAsync(bytes.Length))["documentId"]!.GetValue<string>();
    var blob = session.Blob(documentId);
    using var stop = new CancellationTokenSource();
    using var sampler = sample ? RssSampler.Start(session.App.Pid) : null;
    var watch = Stopwatch.StartNew();
    // The app answers only after it has also completed (verified) the document: the moment the blob appears
    // in storage (polled every 10 ms) ends the transfer; the rest of the request is the completion.
    var stored = PollExistsAsync(blob, watch, stop.Token);
    using var response = await session.Nce.PutAsync($"{session.Documents}/{documentId}/content", new ByteArrayContent(bytes));
    var total = watch.Elapsed;
    var memory = sampler?.Stop();
    await stop.CancelAsync();
    var transfer = await stored ?? total;
    Check(await JsonAsync(response, HttpStatusCode.OK), bytes.Length, sha256);
    return (transfer, total - transfer, memory, await BlocksAndDeleteAsync(blob));
}

// How the blob was written: 0 committed blocks = one Put Blob request (the whole file in one body), n = Put Block x n + Put Block List.
static async Task<int> BlocksAndDeleteAsync(BlobClient blob)
{
    var blocks = (await blob.GetParentBlobContainerClient().GetBlockBlobClient(blob.Name).GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks.Count();
    await blob.DeleteAsync();
    return blocks;
}

static async Task<TimeSpan?> PollExistsAsync(BlobClient blob, Stopwatch watch, CancellationToken cancellationToken)
{
    try
    {
        while (true)
        {
            if (await blob.ExistsAsync(cancellationToken))
                return watch.Elapsed;
            await Task.Delay(10, cancellationToken);
        }
    }
    catch (OperationCanceledException)
    {
        return null;
    }
}

static void Check(JsonNode completed, long length, string sha256)
{
    if (completed["contentType"]?.GetValue<string>() != "application/pdf" || completed["length"]?.GetValue<long>() != length ||
        completed["sha256"]?.GetValue<string>() != sha256)
        throw new InvalidOperationException($"The completed document is not the file sent: {completed.ToJsonString()}");
}

static Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected) => AppSession.JsonAsync(response, expected);

// A PDF as a scanner or a word processor writes it: the header, then compressed (random-looking) streams, then the trailer.
static byte[] Pdf(long length, int seed)
{
    var bytes = new byte[length];
    new Random(seed).NextBytes(bytes);
    Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n").CopyTo(bytes, 0);
    var trailer = "\nstartxref\n0\n%%EOF\n"u8;
    trailer.CopyTo(bytes.AsSpan((int)length - trailer.Length));
    return bytes;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static void Print(Result r, Idle? idle = null)
{
    var line = $"{r.Size / MB,3} MB {r.Path,-8} run {r.Run}: transfer {r.Transfer.TotalSeconds,6:F3} s {r.MBs,6:F1} MB/s";
    if (r.Completion is { } completion)
        line += $"; completion {completion.TotalSeconds,5:F3} s{(r.Path == "streamed" ? " (same request)" : "")}, end-to-end {r.EndToEndMBs,5:F1} MB/s";
    if (r.Blocks is { } blocks)
        line += blocks == 0 ? "; stored by one Put Blob" : $"; stored as {blocks} blocks";
    if (r.Memory is { } m && idle is not null)
        line += $"; app RSS before {m.BeforeMB:F1} MB, peak {m.PeakMB:F1} MB = {m.PeakMB - idle.MedianMB:+0.0;-0.0} over idle " +
                $"(sampled {m.SampledPeakMB:F1} x{m.Samples}, VmHWM {m.HwmMB:F1})";
    Console.WriteLine(line);
}

internal sealed record Result(string Path, long Size, int Run, TimeSpan Transfer, TimeSpan? Completion, Memory? Memory, int? Blocks)
{
    public double MBs => Size / 1048576.0 / Transfer.TotalSeconds;

    public double EndToEndMBs => Size / 1048576.0 / (Transfer + (Completion ?? TimeSpan.Zero)).TotalSeconds;
}

internal sealed record Idle(double MedianMB, double MinMB, double MaxMB, int Samples);

/// <summary>A fresh app process with an NCE of Mexico and a round in which Mexico answers (as DocumentsTests set up).</summary>
internal sealed class AppSession : IAsyncDisposable
{
    private const string MemberState = "MEX";
    private readonly BlobContainerClient verification;

    private AppSession(AppProcess app, HttpClient nce, string roundId, BlobContainerClient verification)
    {
        App = app;
        Nce = nce;
        this.verification = verification;
        RoundId = roundId;
        Documents = $"/api/rounds/{roundId}/countries/{MemberState}/documents";
    }

    public AppProcess App { get; }

    public HttpClient Nce { get; }

    public string RoundId { get; }

    public string Documents { get; }

    public static async Task<AppSession> StartAsync(string appDll, string connectionString, BlobServiceClient blobService, HttpMessageHandler handler)
    {
        var prefix = "b" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var adminToken = "bench-memunit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var app = await AppProcess.StartAsync(appDll, connectionString, prefix, adminToken);
        using var admin = Client(app, handler, adminToken);
        var nceToken = (await JsonAsync(await admin.PostAsJsonAsync("/api/participants", new
        {
            role = "nce",
            name = "Ana Gómez",
            email = "ana.gomez@sre.gob.mx",
            memberState = MemberState,
            languages = new[] { "es", "en" },
        }), HttpStatusCode.Created))["accessToken"]!.GetValue<string>();
        var roundId = (await JsonAsync(await admin.PostAsJsonAsync("/api/rounds", new
        {
            thematicEvaluation = "R8-2023",
            memberStates = new[] { MemberState, "COL" },
        }), HttpStatusCode.Created))["roundId"]!.GetValue<string>();
        return new AppSession(app, Client(app, handler, nceToken), roundId, blobService.GetBlobContainerClient(prefix + "verification"));
    }

    public BlobClient Blob(string documentId) => verification.GetBlobClient($"{RoundId}/{MemberState}/{documentId}");

    public async Task<JsonNode> ReserveAsync(long length) =>
        await JsonAsync(await Nce.PostAsJsonAsync(Documents, new
        {
            fileName = $"Programa Nacional contra las Drogas {length / 1048576} MB.pdf",
            contentType = "application/pdf",
            length,
        }), HttpStatusCode.Created);

    public async ValueTask DisposeAsync()
    {
        Nce.Dispose();
        await App.DisposeAsync();
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered " +
                                                $"{(int)response.StatusCode}, expected {(int)expected}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static HttpClient Client(AppProcess app, HttpMessageHandler handler, string token)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>The app's memory during one upload, in MB: its RSS when the upload started, the highest sampled
/// VmRSS, the kernel's high-water mark since the start (if it could be reset), and the larger of the two.</summary>
internal sealed record Memory(double BeforeMB, double SampledPeakMB, double HwmMB, int Samples)
{
    public double PeakMB => Math.Max(SampledPeakMB, HwmMB);
}

internal static class ListExtensions
{
    public static T AddAndReturn<T>(this List<T> list, T item)
    {
        list.Add(item);
        return item;
    }
}

/// <summary>Reads VmRSS of a process every 10 ms on its own thread (not the thread pool, which the uploads use).</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly int pid;
    private readonly Thread thread;
    private readonly double beforeMB;
    private readonly bool hwmReset;
    private volatile bool stopping;
    private long peakKb;
    private int samples;

    private RssSampler(int pid)
    {
        this.pid = pid;
        beforeMB = ReadKb(pid, "VmRSS") / 1024.0;
        hwmReset = ResetHighWaterMark(pid);
        thread = new Thread(Run) { IsBackground = true, Name = "rss-sampler", Priority = ThreadPriority.AboveNormal };
        thread.Start();
    }

    public static RssSampler Start(int pid) => new(pid);

    public static Idle Idle(int pid, TimeSpan duration)
    {
        var values = new List<long>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            values.Add(ReadKb(pid, "VmRSS"));
            Thread.Sleep(10);
        }
        values.Sort();
        return new Idle(values[values.Count / 2] / 1024.0, values[0] / 1024.0, values[^1] / 1024.0, values.Count);
    }

    public Memory Stop()
    {
        stopping = true;
        thread.Join();
        var hwm = hwmReset ? ReadKb(pid, "VmHWM") / 1024.0 : 0;
        return new Memory(beforeMB, peakKb / 1024.0, hwm, samples);
    }

    public void Dispose()
    {
        stopping = true;
        thread.Join();
    }

    private void Run()
    {
        while (!stopping)
        {
            var kb = ReadKb(pid, "VmRSS");
            if (kb > peakKb)
                peakKb = kb;
            samples++;
            Thread.Sleep(10);
        }
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).</summary>
    private static bool ResetHighWaterMark(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long ReadKb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"No {field} in /proc/{pid}/status.");
    }
}

/// <summary>MemWorkflow.LocalHost started with `dotnet` as its own process, configured as the tests configure it
/// (MemApp) but through environment variables: the benchmark's Azurite, no emulator of its own, a bootstrap
/// MEM Unit token, no scheduler, its own table and container prefix, a free loopback port.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Queue<string> log = new();

    private AppProcess(Process process, Uri baseAddress, bool serverGc)
    {
        this.process = process;
        BaseAddress = baseAddress;
        ServerGc = serverGc;
    }

    public int Pid => process.Id;

    public Uri BaseAddress { get; }

    public bool ServerGc { get; }

    public static async Task<AppProcess> StartAsync(string dll, string connectionString, string prefix, string adminToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Mem__Storage__ConnectionString"] = connectionString,
            ["Mem__Storage__StartEmulator"] = "false",
            ["Mem__Storage__TablePrefix"] = prefix,
            ["Mem__Storage__ContainerPrefix"] = prefix,
            ["Mem__BootstrapAdminToken"] = adminToken,
            ["MemTaskHub"] = "bench" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + "hub",
            ["Mem__PortalBaseUrl"] = "https://mem.bench.oas.org/",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var serverGc = File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")) &&
                       JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(dll, ".runtimeconfig.json")))?["runtimeOptions"]?["configProperties"]?["System.GC.Server"]?.GetValue<bool>() == true;
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), serverGc);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(90))
            {
                await app.DisposeAsync();
                throw new InvalidOperationException($"The app did not start on port {port}. Its last output:\n{app.Tail()}");
            }
            try
            {
                using var response = await probe.GetAsync("/openapi/v1.json");
                if (response.IsSuccessStatusCode)
                    return app;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            log.Enqueue(line);
            while (log.Count > 40)
                log.Dequeue();
        }
    }

    private string Tail()
    {
        lock (log)
            return string.Join('\n', log);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
