using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MemWorkflow.Functions;

/// <summary>Logs, traces and metrics through OpenTelemetry, the same in both hosts (the Functions
/// worker's Program.cs and the local host's): the app's meter (<see cref="MemMetrics"/>), the worker's
/// and the Durable SDK's activity sources, and, when <see cref="ConnectionStringKey"/> is set, the Azure
/// Monitor exporter for all three signals. In Azure the Application Insights resource accepts only
/// Entra ID (local auth off): the exporter then signs in as the identity that
/// <see cref="AuthenticationStringKey"/> names, the setting the Functions host reads for the same purpose.</summary>
public static class Telemetry
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddMemTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => ((IDeferredMeterProviderBuilder)metrics.AddMeter(MemMetrics.MeterName))
                .Configure((sp, builder) => builder.AddView(OwnMeterOnly(sp.GetRequiredService<IMeterFactory>()))))
            .WithTracing(tracing => tracing.AddSource("Microsoft.Azure.Functions.Worker", "Microsoft.DurableTask"));
        if (configuration[ConnectionStringKey] is { Length: > 0 } connectionString)
            telemetry.UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                exporter.Credential = Credential(configuration[AuthenticationStringKey]);
            });
        return services;
    }

    /// <summary>A meter listener hears every meter of that name in the process. A process runs one app in
    /// Azure, but tests run several at once: each app exports only the meter its own container made.</summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnMeterOnly(IMeterFactory factory) => instrument =>
        instrument.Meter.Name == MemMetrics.MeterName && !ReferenceEquals(instrument.Meter.Scope, factory) ? MetricStreamConfiguration.Drop : null;

    /// <summary><c>Authorization=AAD</c> (with <c>ClientId=</c> for a user-assigned identity): Entra ID;
    /// anything else: the connection string's key.</summary>
    internal static TokenCredential? Credential(string? authenticationString)
    {
        var parts = (authenticationString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
            return null;
        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }
}
