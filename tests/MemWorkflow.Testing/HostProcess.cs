using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace MemWorkflow.Testing;

/// <summary>The local host as its own OS process, as `dotnet run` starts it: <c>dotnet MemWorkflow.LocalHost.dll</c>
/// from the caller's build output (or another build of it), on a port of the caller's choosing, so a test can kill it
/// with SIGKILL mid-work and start a successor on the same address, storage and task hub. The one launcher of the
/// tests, the fault and load suites and the benchmarks; no host it starts outlives the run.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>The launched host's Durable partitions. A client of its task hub built outside it must use the
    /// same count: DurableTask.AzureStorage picks an instance's control queue by hashing its id modulo the
    /// count, and a message sent to another queue than the host's (a termination) can wedge the partition.</summary>
    public const int PartitionCount = 1;

    private static readonly Lock FileLock = new();

    private readonly Process process;
    private readonly ConcurrentQueue<string> log;

    private HostProcess(Process process, Uri address, ConcurrentQueue<string> log)
    {
        this.process = process;
        this.log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the host printed, for a failure message.</summary>
    public string Tail => string.Join('\n', log.TakeLast(40));

    /// <summary>Starts the host on <paramref name="port"/> in <paramref name="environment"/>; it answers once
    /// <see cref="WaitUntilHealthyAsync"/> says so. With <paramref name="testDefaults"/> it runs as the tests want it
    /// (manual clock, no emulator of its own, one Durable partition, quiet logs), overridden by <paramref name="settings"/>;
    /// without, it has only <paramref name="settings"/> beside its address. Every line it prints goes to its
    /// <see cref="Tail"/> and to <paramref name="onLine"/>. <paramref name="dll"/> is another build of the host to run.</summary>
    public static HostProcess Start(int port, IReadOnlyDictionary<string, string> settings, string environment = "Testing",
        bool testDefaults = true, string? dll = null, Action<string>? onLine = null)
    {
        dll ??= Path.Combine(AppContext.BaseDirectory, "MemWorkflow.LocalHost.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
        };
        if (testDefaults)
        {
            variables["Mem__Storage__StartEmulator"] = "false";
            variables["Mem__Clock"] = "manual";
            variables["Mem__PortalBaseUrl"] = "https://mem.test.oas.org/";
            variables["Mem__Durable__PartitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture);
            variables["Logging__LogLevel__Default"] = "Warning";
            variables["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        }
        foreach (var (key, value) in settings)
            variables[key] = value;
        // MEM_CHAOS_LOG names a file that keeps every line of every host at Information, each marked with its process's start.
        var file = Environment.GetEnvironmentVariable("MEM_CHAOS_LOG");
        if (file is { Length: > 0 })
            variables["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in variables)
            start.Environment[key] = value;

        var log = new ConcurrentQueue<string>();
        var mark = DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        void Print(string? line)
        {
            if (line is null)
                return;
            log.Enqueue(line);
            while (log.Count > 200)
                log.TryDequeue(out _);
            onLine?.Invoke(line);
            if (file is { Length: > 0 })
                lock (FileLock)
                    File.AppendAllText(file, $"[{DateTimeOffset.UtcNow:HH:mm:ss.fff} host@{mark}] {line}\n");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        KillOnExit(process);
        process.OutputDataReceived += (_, e) => Print(e.Data);
        process.ErrorDataReceived += (_, e) => Print(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"), log);
    }

    /// <summary>A host for one test, on the test run's Azurite and a free port, in the Testing environment, with short
    /// leases and queue visibility (9 s, 10 s) so a successor takes over within seconds; answers once it is healthy.</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var storage = await TestStorage.GetAsync();
        var environment = new Dictionary<string, string>
        {
            ["Mem__Storage__ConnectionString"] = storage.ConnectionString,
            ["Mem__BootstrapAdminEmail"] = "mem-unit@localhost.test",
            ["Mem__Durable__LeaseInterval"] = "00:00:09",
            ["Mem__Durable__WorkItemVisibilityTimeout"] = "00:00:10",
            ["Mem__Durable__ControlQueueVisibilityTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        var app = Start(TestPorts.Free(), environment);
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        return app;
    }

    /// <summary>Polls <c>/api/health</c> until it answers 200, each time from another forwarded loopback
    /// address, so the probe never counts against anyone's anonymous rate limit, nor runs into its own.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            Assert.False(process.HasExited, $"The local host exited (code {(process.HasExited ? process.ExitCode : 0)}):\n{Tail}");
            Assert.True(deadline.Elapsed < within, $"The local host did not answer /api/health within {within.TotalSeconds:0} s:\n{Tail}");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
                request.Headers.Add("X-Forwarded-For", $"127.0.3.{attempt % 250 + 1}");
                using var response = await probe.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGTERM, as a container runtime or Ctrl+C stops it: answers how long the process took to
    /// exit and its exit code, or null when it was still running after <paramref name="patience"/> (and was killed).</summary>
    public async Task<(TimeSpan Elapsed, int ExitCode)?> TerminateAsync(TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            await terminate.WaitForExitAsync();
        using var wait = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return (clock.Elapsed, process.ExitCode);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return null;
        }
    }

    /// <summary>SIGKILL: no graceful stop, no lease released, work items in hand abandoned.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    /// <summary>Ends <paramref name="process"/> with the test run even when a test fails or is aborted before its own
    /// clean-up: no host or Azurite outlives the run.</summary>
    public static void KillOnExit(Process process) => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    };
}
