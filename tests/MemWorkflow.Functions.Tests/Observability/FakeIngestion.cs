using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MemWorkflow.Functions.Tests.Observability;

/// <summary>A stand-in for Application Insights' ingestion endpoint (<c>/v2.1/track</c>) on a free loopback
/// port: records every telemetry item the Azure Monitor exporter sends (one JSON object a line) and accepts it.</summary>
public sealed class FakeIngestion : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeIngestion(WebApplication app) => this.app = app;

    public ConcurrentQueue<string> Items { get; } = new();

    /// <summary>An Application Insights connection string whose telemetry comes here.</summary>
    public string ConnectionString => $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={app.Urls.First()}/";

    public static async Task<FakeIngestion> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeIngestion(app);
        app.MapPost("/v2.1/track", (Delegate)fake.TrackAsync);
        await app.StartAsync();
        return fake;
    }

    private async Task<IResult> TrackAsync(HttpContext http)
    {
        var body = http.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(http.Request.Body, CompressionMode.Decompress)
            : http.Request.Body;
        var lines = (await new StreamReader(body).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
            Items.Enqueue(line);
        return Results.Json(new { itemsReceived = lines.Length, itemsAccepted = lines.Length, errors = Array.Empty<object>() });
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
