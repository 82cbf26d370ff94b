using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MemWorkflow.Functions.Tests.Infrastructure;

public sealed record FakeAnswer(int Status, TimeSpan? RetryAfter = null, bool Hang = false, TimeSpan? Delay = null)
{
    public static FakeAnswer Accepted { get; } = new(202);
}

/// <summary>A stand-in for SendGrid's v3 mail/send on a free loopback port: records every request body
/// and answers as told (202, 429 with Retry-After, 500, or hangs).</summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication app;
    private int count;

    private FakeSendGrid(WebApplication app) => this.app = app;

    public Uri Address => new(app.Urls.First());

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>Bodies answered 202, each once.</summary>
    public ConcurrentQueue<JsonNode> Delivered { get; } = new();

    /// <summary>Decides the answer from the request's number (from 1) and body.</summary>
    public Func<int, JsonNode, FakeAnswer> Behaviour { get; set; } = (_, _) => FakeAnswer.Accepted;

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!;
        body["authorization"] = http.Request.Headers.Authorization.ToString();
        Requests.Enqueue(body);
        var answer = Behaviour(Interlocked.Increment(ref count), body);
        if (answer.Delay is { } delay)
            await Task.Delay(delay);
        if (answer.Hang)
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        http.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } after)
            http.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (answer.Status == 202)
        {
            Delivered.Enqueue(body);
            http.Response.Headers["X-Message-Id"] = $"fake-{count}";
        }
        else
            await http.Response.WriteAsync("{\"errors\":[{\"message\":\"simulated " + answer.Status + "\"}]}");
    }

    public static string OutboxId(JsonNode body) => body["personalizations"]![0]!["custom_args"]!["outboxId"]!.GetValue<string>();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
