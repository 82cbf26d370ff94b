using MemWorkflow.Functions;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MemWorkflow.LocalHost;

/// <summary>The whole product in one process: <c>dotnet run --project functions/MemWorkflow.LocalHost</c>.</summary>
public sealed class Program
{
    /// <summary>Leaves room for the process to exit within 5 s of the signal.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3.5);

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        // Ctrl+C or SIGTERM: everything (requests in flight, the Durable worker releasing its leases, an
        // Azurite this host started) gets this long together.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddOptions<AzuriteOptions>().Bind(builder.Configuration.GetSection(StorageOptions.Section));
        var localHost = builder.Configuration.GetSection(LocalHostOptions.Section);
        builder.Services.AddOptions<LocalHostOptions>().Bind(localHost)
            .Configure(o => o.RunsTimers = !string.Equals(localHost["Timers"], "off", StringComparison.OrdinalIgnoreCase))
            .Validate(o => o.Queues.VisibilityTimeout is not { } wait || wait >= TimeSpan.Zero, "Mem:LocalHost:Queues:VisibilityTimeout must not be negative.")
            .Validate(o => o.Timers.Values.All(s => TimerTriggers.TryParseSchedule(s) is not null), "Every Mem:LocalHost:Timers:{Function} must be an NCRONTAB schedule.")
            .ValidateOnStart();
        builder.Services.AddHostedService<AzuriteStartup>();
        builder.Services.AddMemWorkflow(builder.Configuration);
        builder.Services.AddMemTelemetry(builder.Configuration);
        builder.Services.AddDurableFunctions(builder.Configuration);
        builder.Services.AddHostedService<TimerTriggers>();
        builder.Services.AddHostedService<QueueTriggers>();
        builder.UsePortal();

        var app = builder.Build();
        app.MapHttpFunctions();
        app.MapPortal();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app));
        await app.RunAsync();
    }

    private static void Announce(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILogger<Program>>();
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        logger.LogInformation("MemWorkflow is listening on {Urls}", string.Join(", ", urls));
        if (app.Services.GetRequiredService<IOptions<MemOptions>>().Value.BootstrapAdminToken is { } token && app.Environment.IsDevelopment())
            logger.LogInformation("MEM Unit token (development): {Token}", token);
    }
}
