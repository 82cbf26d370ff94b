using System.Net;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Reminders;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>host.json as the Functions host reads it, and the app's behaviour when that host runs it.</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public void HostJson_StartsThePublishedAppAsACustomHandler_AndForwardsHttpUnchanged()
    {
        var host = JsonNode.Parse(File.ReadAllText(Repository.Path("host.json")))!;
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        var description = host["customHandler"]!["description"]!;
        Assert.Equal($"app/{typeof(Program).Assembly.GetName().Name}", description["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("app", description["workingDirectory"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableProxyingHttpRequest"]!.GetValue<bool>());
        // The app's routes already start with /api, so the host adds no prefix of its own.
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", host["extensionBundle"]!["id"]!.GetValue<string>());
        Assert.Equal("[4.*, 5.0.0)", host["extensionBundle"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnderTheFunctionsHost_TheInProcessSchedulerIsOff_BecauseTheHostDrivesTick()
    {
        var settings = new Dictionary<string, string?> { ["Mem:Scheduler:Enabled"] = "true" };
        await using (var local = await MemApp.StartAsync(settings))
            Assert.Contains(local.Services.GetServices<IHostedService>(), s => s is LocalScheduler);

        settings["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var hosted = await MemApp.StartAsync(settings);
        Assert.DoesNotContain(hosted.Services.GetServices<IHostedService>(), s => s is LocalScheduler);
        await (await hosted.Client().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);
    }

    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
