using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MemWorkflow.Functions.Tests.Hardening;

/// <summary>Every operation of the OpenAPI document, called by a visitor, the MEM Unit, an NCE, and a GEG
/// expert and the consultant on an evaluation they are drafting and reviewing, with
/// hostile path values and bodies (wrong types, huge and odd strings, control, bidirectional and
/// unpaired surrogate characters, quotes, path segments, extreme numbers and dates, malformed JSON):
/// never a 5xx, and after every 4xx the app's tables are exactly as before.</summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private static readonly string[] PathValues =
    [
        " ", new string('x', 3000), "\u0000", "\u202Eevil\u202C", "'\"<script>", "..", "../../etc", "%00", "🙂", "9999-12-31T23:59:59Z", "-1", "NaN", "MEX ",
    ];

    private static readonly string[] Values =
    [
        "null", "123456789012345678901234567890", "-1", "1e309", "true", "[]", "{}", "\"\"", $"\"{new string('x', 70_000)}\"",
        "\"\\u0000\\u202e'\\\"<>\\r\\n\"", "\"\\ud800\"", "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "\"../../x\"", "\"P9999Y\"", "\"P99999999Y\"",
        "[\"\\ud800\", 1, null]", "{\"MEX\": [\"\\u202e\"]}",
    ];

    private static readonly string[] Bodies = ["", "{", "null", "[]", "\"x\"", "{\"a\":1}", new string('[', 200) + new string(']', 200)];

    [Fact]
    public async Task NoHostileInput_YieldsA5xx_AndNoRefusedRequest_WritesAnything()
    {
        // Thousands of requests from one address and token: the rate limits are tested on their own.
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:Limits:AnonymousRequestsPerMinute"] = "1000000", ["Mem:Limits:ParticipantRequestsPerMinute"] = "1000000" });
        var nce = await app.RegisterAsync("nce", "MEX");
        var colombia = await app.RegisterAsync("nce", "COL");
        var geg = await app.RegisterAsync("geg", "COL", expertise: ["IC"]);
        var gegs = new[] { geg, await app.RegisterAsync("geg", "BRA", expertise: ["IC"]), await app.RegisterAsync("geg", "PER", expertise: ["IC"]) }
            .ToDictionary(g => g.Id, g => g.Token);
        var consultant = await app.RegisterAsync("consultant", "CAN", expertise: ["IC"]);
        var onlyIc = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"], ["COL"] = ["IS", "RIME"] };
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" }, excludedPillars = onlyIc });
        var document = await app.Client(nce.Token).ReserveAsync(roundId, "MEX", "plan.txt", 10);
        // Colombia has submitted and the assignment is committed: its experts and consultant are drafting
        // and reviewing it, so their own endpoints are attacked where they are allowed, not only refused.
        var questionnaire = await (await app.Client(colombia.Token).GetAsync($"/api/rounds/{roundId}/countries/COL/questionnaire")).JsonAsync(HttpStatusCode.OK);
        foreach (var item in questionnaire["items"]!.AsArray())
            await (await app.Client(colombia.Token).SaveAnswerAsync(roundId, "COL", item!["priorityActionId"].Str(), "notImplemented", "No programme yet.")).JsonAsync(HttpStatusCode.OK);
        await (await app.Client(colombia.Token).PostAsync($"/api/rounds/{roundId}/countries/COL/submission", null)).JsonAsync(HttpStatusCode.OK);
        var proposal = await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/assignments/proposals", new { seed = 2 })).JsonAsync(HttpStatusCode.Created);
        var (experts, _) = await app.AssignAsync(roundId, "COL");
        await app.SettleAsync(roundId);
        var real = new Dictionary<string, string>
        {
            ["roundId"] = roundId, ["ms"] = "MEX", ["priorityActionId"] = "IC-1.1", ["documentId"] = document["documentId"].Str(), ["objectiveId"] = "IC-1",
            ["participantId"] = geg.Id, ["proposalId"] = proposal["proposalId"].Str(), ["messageId"] = "m-none",
        };
        var reviewed = new Dictionary<string, string>(real) { ["ms"] = "COL", ["participantId"] = experts[0] };
        var openApi = await (await app.Client().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var callers = new (string Name, HttpClient Client, Dictionary<string, string> Real)[]
        {
            ("visitor", app.Client(), real), ("memUnit", app.Admin(), real), ("nce", app.Client(nce.Token), real),
            ("geg", app.Client(gegs[experts[0]]), reviewed), ("consultant", app.Client(consultant.Token), reviewed),
        };

        var failures = new List<string>();
        var recent = new Queue<string>();
        var counts = new Dictionary<int, int>();
        foreach (var (method, template, operation) in Operations(openApi))
        {
            var pathNames = Parameters(operation, "path");
            var schema = BodySchema(openApi, operation);
            List<(string Path, string? Body)> Requests(Dictionary<string, string> values)
            {
                var requests = new List<(string Path, string? Body)>();
                foreach (var name in pathNames)
                    foreach (var value in PathValues)
                        requests.Add((Fill(template, values, name, value), schema is null ? null : Sample(openApi, schema).ToJsonString()));
                if (schema is not null)
                {
                    var path = Fill(template, values, null, null);
                    requests.AddRange(Bodies.Select(b => (path, (string?)b)));
                    var sample = Sample(openApi, schema);
                    foreach (var property in sample is JsonObject o ? o.Select(p => p.Key).ToList() : [])
                        foreach (var value in Values)
                            requests.Add((path, Replace(sample, property, value)));
                }
                return requests;
            }
            foreach (var (caller, client, values) in callers)
                foreach (var (path, body) in Requests(values))
                {
                    var before = await SnapshotAsync(app);
                    var status = await SendAsync(client, method, path, body);
                    recent.Enqueue($"{status} {caller} {method} {Shorten(path)} {Shorten(body)}");
                    if (recent.Count > 12)
                        recent.Dequeue();
                    counts[status] = counts.GetValueOrDefault(status) + 1;
                    if (status >= 500)
                        failures.Add($"{status} {caller} {method} {Shorten(path)} {Shorten(body)}");
                    else if (status >= 400 && await SnapshotAsync(app) != before)
                        failures.Add($"{status} wrote: {caller} {method} {Shorten(path)} {Shorten(body)}");
                    else if (status < 300)
                    {
                        // What the request changed is the workflows' to react to: wake them all (the clock moves
                        // by nothing) and wait until each has planned, so that none writes during the next check.
                        var moved = await (await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "PT0S" })).JsonAsync(HttpStatusCode.OK);
                        if (!moved["settled"]!.GetValue<bool>())
                            Assert.Fail($"The workflows did not settle after {status} {caller} {method} {Shorten(path)} {Shorten(body)}:\n{moved.ToJsonString()}\nLast requests:\n{string.Join("\n", recent)}");
                    }
                }
        }
        output.WriteLine($"{counts.Values.Sum()} requests: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} x {c.Key}"))}");
        Assert.True(failures.Count == 0, $"{failures.Count} requests broke the rules:\n{string.Join("\n", failures.Distinct().Take(60))}");
    }

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode openApi) =>
        from path in openApi["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        // The dev clock moves time for every workflow: it is attacked, but last.
        orderby path.Key.Contains("/dev/clock", StringComparison.Ordinal), path.Key.Contains("cancellation", StringComparison.Ordinal), path.Key
        select (operation.Key.ToUpperInvariant(), path.Key, operation.Value!);

    private static List<string> Parameters(JsonNode operation, string where) =>
        (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == where).Select(p => p!["name"]!.GetValue<string>()).ToList();

    private static JsonNode? BodySchema(JsonNode openApi, JsonNode operation) =>
        operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Resolve(openApi, schema) : null;

    private static JsonNode Resolve(JsonNode openApi, JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return Resolve(openApi, openApi["components"]!["schemas"]![reference.Split('/')[^1]]!);
        if (schema["oneOf"]?.AsArray().FirstOrDefault(s => s!["$ref"] is not null) is { } one)
            return Resolve(openApi, one);
        return schema;
    }

    /// <summary>A plausible body: the hostile values are swapped into it one property at a time.</summary>
    private static JsonNode Sample(JsonNode openApi, JsonNode schema)
    {
        var resolved = Resolve(openApi, schema);
        var type = resolved["type"] is JsonArray types ? types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") : resolved["type"]?.GetValue<string>();
        if (resolved["enum"]?.AsArray().FirstOrDefault() is { } first)
            return first.DeepClone();
        return type switch
        {
            "object" or null when resolved["properties"] is JsonObject properties =>
                new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Sample(openApi, p.Value!)))),
            "integer" or "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(true),
            "array" => new JsonArray(),
            "string" when resolved["format"]?.GetValue<string>() == "date-time" => JsonValue.Create("2027-06-01T00:00:00Z"),
            _ => JsonValue.Create("x"),
        };
    }

    private static string Replace(JsonNode sample, string property, string value)
    {
        var copy = sample.DeepClone().AsObject();
        copy[property] = JsonValue.Create("\u0001MARK\u0001");
        return copy.ToJsonString().Replace("\"\\u0001MARK\\u0001\"", value, StringComparison.Ordinal);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> real, string? hostile, string? value)
    {
        var path = template;
        foreach (var (name, actual) in real)
            path = path.Replace($"{{{name}}}", Uri.EscapeDataString(name == hostile ? value! : actual), StringComparison.Ordinal);
        return path;
    }

    private static async Task<int> SendAsync(HttpClient client, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await client.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 599;
        }
    }

    /// <summary>Every row of the app's own tables, with its ETag: any write shows.</summary>
    private static async Task<string> SnapshotAsync(MemApp app)
    {
        var text = new StringBuilder();
        foreach (var table in new[] { "rounds", "participants", "index" })
            await foreach (var row in app.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
                text.Append(row.PartitionKey).Append('/').Append(row.RowKey).Append('@').Append(row.ETag).Append('\n');
        return text.ToString();
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 120 ? text : $"{text[..120]}…({text.Length})";
}
