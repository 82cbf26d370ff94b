using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MemWorkflow.Resilience.Tests.Load;

public sealed record Timed(string Kind, int Status, double Milliseconds);

/// <summary>Every request of a load run goes through here: timed, its status counted. A request that gets
/// no answer is recorded with status 0 (and fails the run: it is a collapse).</summary>
public sealed class LoadClient(Uri address) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public ConcurrentBag<Timed> Requests { get; } = [];

    public sealed record Answer(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response);

    public async Task<Answer> SendAsync(string kind, HttpMethod method, string path, string? token, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Requests.Add(new Timed(kind, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds));
            var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true ? JsonNode.Parse(text) : null;
            return new Answer(response.StatusCode, json, response);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Requests.Add(new Timed(kind, 0, clock.Elapsed.TotalMilliseconds));
            throw new Xunit.Sdk.XunitException($"{method} {path} got no answer after {clock.Elapsed.TotalSeconds:F1} s: {e.Message}");
        }
    }

    public async Task<JsonNode> ExpectAsync(string kind, HttpMethod method, string path, string? token, HttpStatusCode expected, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var answer = await SendAsync(kind, method, path, token, body, headers);
        Assert.True(answer.Status == expected, $"{method} {path}: expected {(int)expected}, got {(int)answer.Status}: {answer.Body?.ToJsonString()}");
        return answer.Body!;
    }

    public void Dispose() => http.Dispose();
}
