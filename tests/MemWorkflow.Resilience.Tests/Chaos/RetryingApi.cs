using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MemWorkflow.Resilience.Tests.Chaos;

/// <summary>A client of the API as a careful script would be while the app may die under it. A request
/// that got no answer (connection refused or reset, a host killed mid-request) or a 5xx is sent again.
/// Before a command is sent again, and when its repeat is refused (409/412), <c>recover</c> reads what is
/// stored to find whether the first attempt took effect after all: the API's repeatable commands
/// (submission, approval, publication, a round with an Idempotency-Key) need no such reading.</summary>
public sealed class RetryingApi(Uri address, TimeSpan patience) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(120),
    };

    private int noAnswers, serverErrors, recovered, commands, retried;

    /// <summary>Each 5xx: what was asked, and the answer.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string What, Answer Answer)> ServerErrorAnswers { get; } = new();

    /// <summary>Commands that took more than one attempt.</summary>
    public int Retried => retried;

    /// <summary>Commands done so far (answered 2xx, or found done by reading): how far a script has come.</summary>
    public int Commands => Volatile.Read(ref commands);

    /// <summary>Requests that got no answer at all.</summary>
    public int NoAnswers => noAnswers;

    /// <summary>Requests answered with a 5xx (a host whose storage is down answers so).</summary>
    public int ServerErrors => serverErrors;

    /// <summary>Commands found done by reading after an attempt that got no answer.</summary>
    public int Recovered => recovered;

    public sealed record Answer(HttpStatusCode Status, JsonNode? Body, string Text, EntityTagHeaderValue? ETag, string? MediaType);

    /// <summary>One attempt; throws when no answer came.</summary>
    public async Task<Answer> SendOnceAsync(HttpMethod method, string path, string? token, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
            json = JsonNode.Parse(text);
        return new Answer(response.StatusCode, json, text, response.Headers.ETag, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A read: sent again until it gets an answer below 500; a 4xx fails the test.</summary>
    public async Task<Answer> ReadAsync(string path, string? token, IReadOnlyDictionary<string, string>? headers = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var answer = await TryAsync(() => SendOnceAsync(HttpMethod.Get, path, token, headers: headers), $"GET {path}");
            if (answer is { Status: < HttpStatusCode.InternalServerError })
            {
                Assert.True(answer.Status == HttpStatusCode.OK, $"GET {path}: {(int)answer.Status} {answer.Text}");
                return answer;
            }
            Assert.True(deadline.Elapsed < patience, $"GET {path} got no answer below 500 within {patience.TotalSeconds:0} s.");
            await Task.Delay(200);
        }
    }

    public async Task<JsonNode> GetAsync(string path, string? token) => (await ReadAsync(path, token)).Body!;

    /// <summary>A command, sent until it succeeds; see the class summary for <paramref name="recover"/>.</summary>
    public async Task<JsonNode?> CommandAsync(string what, Func<Task<Answer>> send, Func<Task<JsonNode?>>? recover = null)
    {
        var deadline = Stopwatch.StartNew();
        var unanswered = false;
        while (true)
        {
            Assert.True(deadline.Elapsed < patience, $"{what}: did not succeed within {patience.TotalSeconds:0} s.");
            if (unanswered && recover is not null && await TryRecoverAsync(recover) is { } done)
            {
                Interlocked.Increment(ref recovered);
                Interlocked.Increment(ref commands);
                Interlocked.Increment(ref retried);
                return done;
            }
            var answer = await TryAsync(send, what);
            if (answer is null || answer.Status >= HttpStatusCode.InternalServerError)
            {
                unanswered = true;
                await Task.Delay(200);
                continue;
            }
            if ((int)answer.Status is >= 200 and < 300)
            {
                Interlocked.Increment(ref commands);
                if (unanswered)
                    Interlocked.Increment(ref retried);
                return answer.Body;
            }
            if (unanswered && recover is not null && answer.Status is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed
                && await TryRecoverAsync(recover) is { } already)
            {
                Interlocked.Increment(ref recovered);
                Interlocked.Increment(ref commands);
                Interlocked.Increment(ref retried);
                return already;
            }
            Assert.Fail($"{what}: {(int)answer.Status} {answer.Text}" + (unanswered ? " (after an attempt that got no answer, and reading found it not done)" : ""));
        }
    }

    public Task<JsonNode?> CommandAsync(string what, HttpMethod method, string path, string token, object? body = null,
        Func<Task<JsonNode?>>? recover = null, IReadOnlyDictionary<string, string>? headers = null) =>
        CommandAsync(what, () => SendOnceAsync(method, path, token, body, headers), recover);

    /// <summary>Reads whether the command was done; a read that gets no answer (the host is down) says nothing yet.</summary>
    private static async Task<JsonNode?> TryRecoverAsync(Func<Task<JsonNode?>> recover)
    {
        try
        {
            return await recover();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>One attempt, or null when no answer came; a 5xx is counted.</summary>
    private async Task<Answer?> TryAsync(Func<Task<Answer>> send, string what)
    {
        try
        {
            var answer = await send();
            if (answer.Status >= HttpStatusCode.InternalServerError)
            {
                Interlocked.Increment(ref serverErrors);
                ServerErrorAnswers.Enqueue((what, answer));
            }
            return answer;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref noAnswers);
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
