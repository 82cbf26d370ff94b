using System.Diagnostics;
using MemWorkflow.Testing;

/// <summary>The local host as `dotnet publish -c Release` leaves it (the portal trimmed and
/// pre-compressed in its wwwroot), run as its own process in the Production environment.</summary>
internal sealed class PublishedHost : IAsyncDisposable
{
    private readonly HostProcess host;

    private PublishedHost(HostProcess host) => this.host = host;

    public Uri Address => host.Address;

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
        var port = TestPorts.Free();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var settings = new Dictionary<string, string>
        {
            ["Mem__Storage__ConnectionString"] = storage,
            ["Mem__Storage__StartEmulator"] = "false",
            ["Mem__BootstrapAdminToken"] = adminToken,
            ["Mem__PortalBaseUrl"] = address.ToString(),
            // Production, but with the local mailbox: there is no email provider to send to here.
            ["Mem__AllowDevelopmentFeaturesInProduction"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var host = HostProcess.Start(port, settings, environment: "Production", testDefaults: false,
            dll: Path.Combine(folder, "MemWorkflow.LocalHost.dll"), onLine: line => { if (line.Length > 0) Console.Error.WriteLine($"host: {line}"); });
        try
        {
            await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception e)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"The published host did not answer /api/health: {e.Message}", e);
        }
        return new PublishedHost(host);
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

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MemWorkflow.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Run from the repository (MemWorkflow.sln not found above the output folder).");
    }
}
