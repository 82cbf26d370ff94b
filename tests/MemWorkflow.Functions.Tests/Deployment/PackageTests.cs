using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MemWorkflow.Functions.Shell;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>The zip the README's publish command makes is what the Functions host needs: host.json and
/// the function folders at the root, the self-contained app where host.json says, and nothing else.
/// The host itself cannot run here, so the last test does what it does with the package: unpack it,
/// start the executable in app/ with FUNCTIONS_CUSTOMHANDLER_PORT, wait for the port, forward requests.</summary>
public sealed class PackageTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    private static JsonNode Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"The package has no {name}.");
        using var reader = new StreamReader(entry!.Open());
        return JsonNode.Parse(reader.ReadToEnd())!;
    }

    [Fact]
    public void Package_HoldsHostJson_EveryFunction_AndTheSelfContainedApp_AndNothingElse()
    {
        Assert.True(package.Publish.ExitCode == 0, package.Publish.Everything);
        using var zip = ZipFile.OpenRead(package.Zip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        var host = Read(zip, "host.json");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Repository.Path("host.json"))), host));
        var functions = FunctionDefinitions.Committed();
        foreach (var function in functions)
            Assert.True(JsonNode.DeepEquals(function.Json, Read(zip, $"{function.Name}/function.json")), function.Name);
        Assert.Equal(
            new[] { "app", "host.json" }.Concat(functions.Select(f => f.Name)).Order(StringComparer.Ordinal),
            names.Select(n => n.Split('/')[0]).Distinct().Order(StringComparer.Ordinal));

        // The executable host.json starts, executable once unpacked (Unix mode 0755 in the zip).
        var executable = zip.GetEntry(host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.NotNull(executable);
        Assert.Equal(Convert.ToInt32("755", 8), (executable!.ExternalAttributes >> 16) & Convert.ToInt32("777", 8));
        // Self-contained: the .NET runtime travels with the app (the custom runtime has none).
        Assert.Contains("app/libcoreclr.so", names);
        Assert.Contains("app/libhostfxr.so", names);
        Assert.Contains("app/MemWorkflow.Functions.dll", names);
        Assert.Contains("app/appsettings.json", names);
        // Never shipped: development settings (a known MEM Unit token), local settings, function definitions inside the app.
        Assert.DoesNotContain(names, n => n.EndsWith("appsettings.Development.json", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("local.settings", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("app/", StringComparison.Ordinal) && n.EndsWith("function.json", StringComparison.Ordinal));
    }

    [Fact]
    public void ThePublishStep_FitsInCi()
    {
        Assert.True(package.Publish.ExitCode == 0, package.Publish.Everything);
        Assert.True(package.Took < TimeSpan.FromMinutes(4), $"Publishing the package took {package.Took}.");
        Assert.Contains("Deployment package: ", package.Publish.Output);
    }

    [Fact]
    public async Task PackagedApp_StartedAsTheHostStartsIt_OpensItsPortOnlyOnceStorageIsReady_AndServesHttpAndTick()
    {
        Assert.True(package.Publish.ExitCode == 0, package.Publish.Everything);
        var root = Path.Combine(package.Folder, $"run-{Guid.NewGuid():N}");
        ZipFile.ExtractToDirectory(package.Zip, root);
        var storage = await TestStorage.GetAsync();
        // Tables answer only after 3 s, so an app that listened before its storage was ready would be seen doing so.
        await using var held = new HeldStorage(storage.TablePort, TimeSpan.FromSeconds(3));
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        var token = "package-memunit-" + Guid.NewGuid().ToString("N");
        var port = HostConfigurationTests.FreePort();

        var start = new ProcessStartInfo(Path.Combine(root, "app", "MemWorkflow.Functions"))
        {
            WorkingDirectory = Path.Combine(root, "app"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Mem__Storage__ConnectionString"] = storage.ConnectionString.Replace($":{storage.TablePort}/", $":{held.Port}/", StringComparison.Ordinal);
        start.Environment["Mem__Storage__StartEmulator"] = "false";
        start.Environment["Mem__Storage__TablePrefix"] = prefix;
        start.Environment["Mem__Storage__ContainerPrefix"] = prefix;
        start.Environment["Mem__BootstrapAdminToken"] = token;
        using var app = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        app.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        app.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? "");
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            var launched = DateTimeOffset.UtcNow;
            var ready = await FirstAcceptAsync(port, app, TimeSpan.FromSeconds(60));
            Assert.True(ready is not null, $"The app did not listen on 127.0.0.1:{port} within the host's 60 seconds:\n{string.Join('\n', log)}");
            Assert.True(ready >= held.ReleasedAt, $"The port opened at {ready:O}, before storage answered at {held.ReleasedAt:O}.");
            var tables = new TableServiceClient(storage.ConnectionString);
            Assert.NotEmpty(tables.Query(t => t.Name == prefix + "rounds").ToList());
            Assert.True(ready - launched < TimeSpan.FromSeconds(60));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Assert.Equal("healthy", (await (await http.GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK)).Str());
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await (await http.GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK);
            var tick = await (await http.PostRawAsync("/Tick", """{ "Data": { "timer": { "IsPastDue": false } }, "Metadata": { "sys": { "MethodName": "Tick" } } }"""))
                .JsonAsync(HttpStatusCode.OK);
            Assert.Equal(["Outputs", "Logs", "ReturnValue"], tick.AsObject().Select(p => p.Key));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    /// <summary>What the host waits for: the first moment a TCP connection to the port succeeds.</summary>
    private static async Task<DateTimeOffset?> FirstAcceptAsync(int port, Process app, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < deadline && !app.HasExited)
        {
            if (await LocalStorageEmulator.AnswersAsync(port))
                return DateTimeOffset.UtcNow;
            await Task.Delay(50);
        }
        return null;
    }
}
