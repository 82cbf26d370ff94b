using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>The official Azure Static Web Apps CLI emulator (npm <c>@azure/static-web-apps-cli</c>, pinned in
/// <c>tools/swa</c>, installed by the build) in front of the app, as Static Web Apps stands in front of it in
/// Azure: it serves the portal's build output under the portal's own <c>staticwebapp.config.json</c> (routes,
/// navigation fallback, CSP and the other headers) and proxies <c>/api</c> to the app on <see cref="ApiPort"/>,
/// a port chosen up front that each test's app listens on in turn.
/// <para>Two differences from Azure, both on the test's side: the config's <c>connect-src</c> also names the
/// storage emulator's blob origin (Azure's is <c>*.blob.core.windows.net</c>, which the config names already),
/// and the emulator keeps the browser's <c>Authorization</c> header where Azure replaces it (FrontDoorTests
/// replaces it in the app, so the portal is proven never to rely on it).</para></summary>
public sealed class StaticWebAppsEmulator : IAsyncDisposable
{
    private readonly Process process;
    private readonly string site;
    private readonly System.Text.StringBuilder output = new();
    private int disposed;

    private StaticWebAppsEmulator(Process process, string site, Uri url, int apiPort) =>
        (this.process, this.site, Url, ApiPort) = (process, site, url, apiPort);

    /// <summary>Where the browser opens the portal (and where emails link to).</summary>
    public Uri Url { get; }

    /// <summary>Where the emulator sends <c>/api</c> requests: the app under test listens here.</summary>
    public int ApiPort { get; }

    /// <summary>What the emulator printed so far (for the message of a start that failed).</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public static async Task<StaticWebAppsEmulator> StartAsync(string repositoryRoot, Uri blobEndpoint)
    {
        var cli = Path.Combine(repositoryRoot, "tools", "swa", "node_modules", "@azure", "static-web-apps-cli", "dist", "cli", "bin.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: the test project's build installs it (npm ci in tools/swa).");
        var site = Directory.CreateTempSubdirectory("mem-swa-").FullName;
        CopyPortal(site);
        WriteConfig(site, blobEndpoint.GetLeftPart(UriPartial.Authority));

        var (port, apiPort) = (TestPorts.Free(), TestPorts.Free());
        // The emulator starts serving only once something answers on the API's port (and it asks that something for
        // its functions); the tests' apps come and go there later, so a stand-in answers 404 while it starts.
        using var standIn = new StandIn(apiPort);
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = site };
        foreach (var argument in new[] { cli, "start", site, "--swa-config-location", site, "--api-devserver-url", $"http://127.0.0.1:{apiPort}",
                     "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the Static Web Apps CLI.");
        var emulator = new StaticWebAppsEmulator(process, site, new Uri($"http://127.0.0.1:{port}/"), apiPort);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        process.OutputDataReceived += (_, e) => { lock (emulator.output) emulator.output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (emulator.output) emulator.output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = emulator.Url, Timeout = TimeSpan.FromSeconds(2) };
        for (var watch = Stopwatch.StartNew(); ; await Task.Delay(200))
        {
            try
            {
                if ((await probe.GetAsync("index.html")).IsSuccessStatusCode)
                    return emulator;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                await emulator.DisposeAsync();
                throw new InvalidOperationException($"The Static Web Apps CLI did not serve the portal on port {port}:\n{emulator.Output}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(site, recursive: true);
    }

    /// <summary>The portal as the build laid it out for serving: every file its static web assets manifest (beside
    /// the test assembly) names, at its path. The build folders alone are not the portal: a Debug build's
    /// framework loads a module that lives in another of them.</summary>
    private static void CopyPortal(string site)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MemWorkflow.Portal.staticwebassets.runtime.json")))!;
        var roots = manifest["ContentRoots"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Copy(manifest["Root"]!, site);

        void Copy(JsonNode node, string folder)
        {
            foreach (var pattern in node["Patterns"]?.AsArray() ?? [])
            {
                Assert.Equal("**", pattern!["Pattern"]!.GetValue<string>());
                var root = roots[pattern["ContentRootIndex"]!.GetValue<int>()];
                foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                    CopyFile(file, Path.Combine(folder, Path.GetRelativePath(root, file)));
            }
            foreach (var (name, child) in node["Children"]?.AsObject() ?? [])
            {
                if (child!["Asset"] is { } asset)
                    CopyFile(Path.Combine(roots[asset["ContentRootIndex"]!.GetValue<int>()], asset["SubPath"]!.GetValue<string>()), Path.Combine(folder, name));
                Copy(child, Path.Combine(folder, name));
            }
        }
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: true);
    }

    private static void WriteConfig(string site, string blobOrigin)
    {
        var file = Path.Combine(site, "staticwebapp.config.json");
        var config = JsonNode.Parse(File.ReadAllText(file))!;
        var headers = config["globalHeaders"]!;
        var policy = headers["Content-Security-Policy"]!.GetValue<string>();
        Assert.Contains("connect-src 'self'", policy);
        headers["Content-Security-Policy"] = policy.Replace("connect-src 'self'", $"connect-src 'self' {blobOrigin}", StringComparison.Ordinal);
        File.WriteAllText(file, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private sealed class StandIn : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener listener;
        private readonly Task answering;

        public StandIn(int port)
        {
            listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            answering = Task.Run(async () =>
            {
                while (true)
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    await client.GetStream().WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                }
            });
        }

        public void Dispose()
        {
            listener.Stop();
            answering.ContinueWith(_ => { }, TaskScheduler.Default).Wait();
        }
    }
}
