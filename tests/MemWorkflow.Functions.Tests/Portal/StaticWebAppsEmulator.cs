using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>The official Azure Static Web Apps CLI emulator (npm <c>@azure/static-web-apps-cli</c>, pinned in
/// <c>tools/swa</c>, installed by the build) in front of the app, as Static Web Apps stands in front of it in
/// Azure: it serves the portal as Static Web Apps receives it (the Release publish, <see cref="Deployment.PublishedPortal"/>)
/// under the portal's own <c>staticwebapp.config.json</c> (routes, navigation fallback, CSP and the other headers) and
/// proxies <c>/api</c> to the app on <see cref="ApiPort"/>, a port chosen up front that each test's app listens on in turn.
/// <para>Two differences from Azure, both on the test's side: the config's <c>connect-src</c> also names the
/// storage emulator's blob origin (Azure's is <c>*.blob.core.windows.net</c>, which the config names already),
/// and the emulator keeps the browser's <c>Authorization</c> header where Azure replaces it (FrontDoorTests
/// replaces it in the app, so the portal is proven never to rely on it).</para></summary>
public sealed class StaticWebAppsEmulator : IAsyncDisposable
{
    private readonly Process process;
    private readonly string configFolder;
    private readonly System.Text.StringBuilder output = new();
    private int disposed;

    private StaticWebAppsEmulator(Process process, string configFolder, Uri url, int apiPort) =>
        (this.process, this.configFolder, Url, ApiPort) = (process, configFolder, url, apiPort);

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
        var publish = await Deployment.PublishedPortal.PublishAsync();
        Assert.True(publish.ExitCode == 0, publish.Everything);
        // The config, with its one change, in a folder of its own: the published site stays as published.
        var configFolder = Directory.CreateTempSubdirectory("mem-swa-").FullName;
        WriteConfig(Deployment.PublishedPortal.Root, configFolder, blobEndpoint.GetLeftPart(UriPartial.Authority));

        var (port, apiPort) = (TestPorts.Free(), TestPorts.Free());
        // The emulator starts serving only once something answers on the API's port (and it asks that something for
        // its functions); the tests' apps come and go there later, so a stand-in answers 404 while it starts.
        using var standIn = new StandIn(apiPort);
        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = configFolder };
        foreach (var argument in new[] { cli, "start", Deployment.PublishedPortal.Root, "--swa-config-location", configFolder, "--api-devserver-url", $"http://127.0.0.1:{apiPort}",
                     "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the Static Web Apps CLI.");
        var emulator = new StaticWebAppsEmulator(process, configFolder, new Uri($"http://127.0.0.1:{port}/"), apiPort);
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
        Directory.Delete(configFolder, recursive: true);
    }

    private static void WriteConfig(string site, string folder, string blobOrigin)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(site, "staticwebapp.config.json")))!;
        var headers = config["globalHeaders"]!;
        var policy = headers["Content-Security-Policy"]!.GetValue<string>();
        Assert.Contains("connect-src 'self'", policy);
        headers["Content-Security-Policy"] = policy.Replace("connect-src 'self'", $"connect-src 'self' {blobOrigin}", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "staticwebapp.config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
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
