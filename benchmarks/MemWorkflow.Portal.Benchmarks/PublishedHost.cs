using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>The local host as `dotnet publish -c Release` leaves it (the portal trimmed and
/// pre-compressed in its wwwroot), run as its own process in the Production environment.</summary>
internal sealed class PublishedHost : IAsyncDisposable
{
    private readonly Process process;

    private PublishedHost(Process process, Uri address) => (this.process, Address) = (process, address);

    public Uri Address { get; }

    public static string Root { get; } = FindRoot();

    public static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Root, "artifacts", "bench", "portal-host");
        var watch = Stopwatch.StartNew();
        await RunAsync("dotnet", "publish", Path.Combine(Root, "functions", "MemWorkflow.LocalHost"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet");
        Console.WriteLine($"Published the local host with the portal (Release) in {watch.Elapsed.TotalSeconds:F0} s: {output}");
        return output;
    }

    public static async Task<PublishedHost> StartAsync(string folder, string storage, string adminToken)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, "MemWorkflow.LocalHost.dll"));
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Mem__Storage__ConnectionString"] = storage;
        start.Environment["Mem__Storage__StartEmulator"] = "false";
        start.Environment["Mem__BootstrapAdminToken"] = adminToken;
        start.Environment["Mem__PortalBaseUrl"] = address.ToString();
        // Production, but with the local mailbox: there is no email provider to send to here.
        start.Environment["Mem__AllowDevelopmentFeaturesInProduction"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The published host did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) Console.Error.WriteLine($"host: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = address };
        for (var watch = Stopwatch.StartNew(); ; await Task.Delay(200))
        {
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
                throw new InvalidOperationException("The published host did not answer /api/health.");
            try
            {
                if ((await probe.GetAsync("api/health")).IsSuccessStatusCode)
                    return new PublishedHost(process, address);
            }
            catch (HttpRequestException)
            {
            }
        }
    }

    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MemWorkflow.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Run from the repository (MemWorkflow.sln not found above the output folder).");
    }
}
