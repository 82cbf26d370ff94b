using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemWorkflow.Functions.Tests.Infrastructure;

public sealed record Registered(string Id, string Token, string Email, string? MemberState);

/// <summary>What tests do over HTTP, as a client of the API would.</summary>
public static class Api
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Asserts an RFC 9457 problem with this status and returns it.</summary>
    public static async Task<JsonNode> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.JsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        return problem;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body) =>
        client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    public static async Task<Registered> RegisterAsync(
        this MemApp app, string role, string? memberState = null, string? name = null, string[]? languages = null, string[]? expertise = null)
    {
        var email = $"{role}.{memberState?.ToLowerInvariant() ?? "x"}.{Guid.NewGuid():N}@example.org";
        var response = await app.Admin().PostJsonAsync("/api/participants", new
        {
            role,
            name = name ?? $"{role} of {memberState ?? "OAS"}",
            email,
            memberState,
            languages = languages ?? ["en"],
            expertise = expertise ?? [],
        });
        var body = await response.JsonAsync(HttpStatusCode.Created);
        return new Registered(body["id"]!.GetValue<string>(), body["accessToken"]!.GetValue<string>(), email, memberState);
    }

    /// <summary>Starts a round and waits until its workflows have issued the questionnaires (they do
    /// that just after the 201).</summary>
    public static async Task<string> StartRoundAsync(this MemApp app, object request)
    {
        var response = await app.Admin().PostJsonAsync("/api/rounds", request);
        var body = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/rounds/{body["roundId"]}", response.Headers.Location?.OriginalString);
        var roundId = body["roundId"]!.GetValue<string>();
        await app.SettleAsync(roundId);
        return roundId;
    }

    /// <summary>The local mailbox, once the round's workflows (every round's, without an id) have caught
    /// up with what was committed: email is delivered by the workflows, after the command answered.</summary>
    public static async Task<JsonArray> MailAsync(this MemApp app, string? roundId = null)
    {
        if (roundId is not null)
            await app.SettleAsync(roundId);
        else
            foreach (var round in (await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK)).AsArray())
                await app.SettleAsync(round!["roundId"].Str());
        var response = await app.Admin().GetAsync(roundId is null ? "/api/dev/mail" : $"/api/dev/mail?roundId={roundId}");
        return (await response.JsonAsync(HttpStatusCode.OK)).AsArray();
    }

    /// <summary>Waits until every evaluation workflow of the round has planned from the evaluation as
    /// stored now, at the current time, with no email due (GET .../workflow says caughtUp).</summary>
    public static Task<JsonNode> SettleAsync(this MemApp app, string roundId, TimeSpan? within = null) =>
        app.Admin().SettleAsync(roundId, within);

    /// <summary>The same wait through any MEM Unit client (e.g. one of a local host run as its own process).</summary>
    public static async Task<JsonNode> SettleAsync(this HttpClient admin, string roundId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var workflow = await (await admin.GetAsync($"/api/rounds/{roundId}/workflow")).JsonAsync(HttpStatusCode.OK);
            if (workflow["evaluations"]!.AsArray().All(e => e!["caughtUp"]!.GetValue<bool>()))
                return workflow;
            Assert.True(DateTime.UtcNow < deadline, $"The workflows of {roundId} did not catch up: {workflow.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonNode> AdvanceClockAsync(this MemApp app, string duration)
    {
        var response = await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = duration });
        var moved = await response.JsonAsync(HttpStatusCode.OK);
        Assert.True(moved["settled"]!.GetValue<bool>(), $"Not every workflow planned at the new time: {moved.ToJsonString()}");
        return moved;
    }

    public static string Str(this JsonNode? node) => node!.GetValue<string>();

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
