using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MemWorkflow.Functions.Tests.Observability;

/// <summary>The app's own metrics as OpenTelemetry exports them: OpenTelemetry's in-memory exporter added
/// to the app's meter provider (the one the app's telemetry set-up builds), read on demand.</summary>
public sealed class ExportedMetrics
{
    private readonly List<MetricSnapshot> exported = [];
    private MemApp? app;

    /// <summary>For <see cref="MemApp.StartAsync"/>'s service configuration. Exports only when read.</summary>
    public void Register(IServiceCollection services) => services.AddOpenTelemetry().WithMetrics(metrics =>
        metrics.AddInMemoryExporter(exported, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = int.MaxValue));

    public async Task<MemApp> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        app = await MemApp.StartAsync(settings, Register);

    /// <summary>The latest value of each point of the metric by the tag's value: a counter's sum since the
    /// app started, or a gauge's last observation. Empty when the metric has no point yet.</summary>
    public IReadOnlyDictionary<string, long> Read(string name, string tag)
    {
        app!.Service<MeterProvider>().ForceFlush();
        var latest = exported.LastOrDefault(m => m.Name == name);
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        if (latest is null)
            return values;
        Assert.Equal(MemMetrics.MeterName, latest.MeterName);
        foreach (var point in latest.MetricPoints)
        {
            string? key = null;
            foreach (var pair in point.Tags)
                if (pair.Key == tag)
                    key = pair.Value?.ToString();
            Assert.NotNull(key);
            values[key] = latest.MetricType switch
            {
                MetricType.LongSum => point.GetSumLong(),
                MetricType.LongGauge => point.GetGaugeLastValueLong(),
                _ => throw new InvalidOperationException($"{name} is a {latest.MetricType}"),
            };
        }
        return values;
    }
}
