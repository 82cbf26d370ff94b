using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Hardening;

/// <summary>MEM-PROCESS.md's confidentiality, swept: every operation of the API (read from its own OpenAPI
/// document), asked by every role, after a round of two states in which an expert declined with a reason. No
/// response names a participant (id, name or email) that the caller's role may not know: the public knows no
/// one; an NCE knows its own state's NCE users and the MEM Unit; an expert and a consultant know who works
/// on the evaluations they work on, never who evaluates another state, who declined or why.</summary>
public sealed class ConfidentialitySweepTests
{
    private const string Reason = "I advised the National Commission against Addictions of Mexico in 2022.";

    [Fact]
    public async Task NoResponse_ToAnyRole_NamesAParticipantThatRoleMayNotKnow()
    {
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?>
        {
            ["Mem:Limits:AnonymousRequestsPerMinute"] = "1000000", ["Mem:Limits:ParticipantRequestsPerMinute"] = "1000000",
        });
        async Task<Person> RegisterAsync(string role, string state, string name, string[]? expertise = null) =>
            new(await app.RegisterAsync(role, state, name: name, expertise: expertise), role, name);
        var people = new List<Person>
        {
            await RegisterAsync("nce", "MEX", "Ana Mexicana"),
            await RegisterAsync("nce", "COL", "Carlos Colombiano"),
            await RegisterAsync("consultant", "CAN", "Claire Consultant", ["IC"]),
        };
        foreach (var state in new[] { "ARG", "BRA", "PER", "CHL", "URY", "ECU", "PAN", "CRI" })
            people.Add(await RegisterAsync("geg", state, $"Expert designated by {state}", ["IC"]));
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023", memberStates = new[] { "MEX", "COL" },
            excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"], ["COL"] = ["IS", "RIME"] },
        });
        await app.AssignAsync(roundId, "MEX");
        var seats = await SeatsAsync(app, roundId);
        var decliner = people.Single(p => p.Id == seats["MEX"].Except(seats["COL"]).First());
        var declined = await (await app.Client(decliner.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/experts/{decliner.Id}/decline", new { reason = Reason }))
            .JsonAsync(HttpStatusCode.OK);
        seats = await SeatsAsync(app, roundId);

        // Mexico's questionnaire is answered and submitted, its draft written and sent to the consultant, who asks for changes.
        var mexNce = people[0];
        foreach (var item in new[] { "IC-1.1", "IC-1.2", "IC-1.3", "IC-2.1", "IC-2.2", "IC-2.3", "IC-2.4" })
            await (await app.Client(mexNce.Token).SaveAnswerAsync(roundId, "MEX", item, "notImplemented", "No measure.")).JsonAsync(HttpStatusCode.OK);
        await (await app.Client(mexNce.Token).PostAsync($"/api/rounds/{roundId}/countries/MEX/submission", null)).StageAsync("inReview");
        var drafting = people.Single(p => p.Id == seats["MEX"][0]);
        foreach (var objective in new[] { "IC-1", "IC-2" })
            await (await app.Client(drafting.Token).SaveSummaryAsync(roundId, "MEX", objective, "CICAD notes that ...")).JsonAsync(HttpStatusCode.OK);
        await (await app.Client(drafting.Token).PostAsync($"/api/rounds/{roundId}/countries/MEX/evaluation/submission", null)).StageAsync("consultantReview");
        var consultant = people[2];
        await (await app.Client(consultant.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/feedback",
            new { decision = "requestChanges", comments = new[] { new { objectiveId = "IC-1", text = "Say more." } } })).StageAsync("revisionRequested");

        // Who may know whom. The MEM Unit (the bootstrap user) is known to every participant, and is not a secret here.
        var onlyCol = seats["COL"].Except(seats["MEX"]).ToHashSet();
        var onlyMex = seats["MEX"].Except(seats["COL"]).ToHashSet();
        var callers = new List<(string Role, Person? Caller, Func<Person, bool> MayKnow)>
        {
            ("the public", null, _ => false),
            ("Mexico's NCE", mexNce, p => p.Role == "nce" && p.MemberState == "MEX"),
            ("Colombia's NCE", people[1], p => p.Role == "nce" && p.MemberState == "COL"),
            ("an expert on Mexico only", people.Single(p => p.Id == onlyMex.First()), p => p.Role != "geg" || seats["MEX"].Contains(p.Id)),
            ("the expert who declined", decliner, p => p.Role != "geg"),
            ("the consultant", consultant, p => p.Role != "geg" || seats["MEX"].Contains(p.Id) || seats["COL"].Contains(p.Id)),
        };
        if (onlyCol.Count > 0)
            callers.Add(("an expert on Colombia only", people.Single(p => p.Id == onlyCol.First()), p => p.Role != "geg" || seats["COL"].Contains(p.Id)));

        var operations = await OperationsAsync(app, roundId, decliner.Id);
        var leaks = new List<string>();
        var asked = 0;
        foreach (var (role, caller, mayKnow) in callers)
        {
            // The reason is the decliner's own; nobody else but the MEM Unit may read it.
            var secrets = people.Where(p => p.Id != caller?.Id && !mayKnow(p))
                .SelectMany(p => new[] { p.Id, p.Name, p.Email }).Concat(caller == decliner ? [] : [Reason]).ToList();
            using var client = caller is null ? app.Client() : app.Client(caller.Token);
            foreach (var (method, path) in operations)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                asked++;
                Assert.True((int)response.StatusCode < 500, $"{role}: {method} {path} answered {(int)response.StatusCode}: {body}");
                leaks.AddRange(secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase))
                    .Select(s => $"{role}: {method} {path} ({(int)response.StatusCode}) names '{s}'"));
            }
        }
        // The expert who declined got back their own seat, and nothing of anyone else's.
        Assert.Equal(["declined", "expertId", "memberState", "roundId"], declined.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks in {asked} answers:\n" + string.Join("\n", leaks.Distinct().Take(40)));
        Assert.True(asked > 100, $"Only {asked} answers were read.");
    }

    [Fact]
    public async Task AnExpertWhoseSeatCannotBeFilled_IsToldSo_WithoutANameOrAnAddress()
    {
        await using var app = await MemApp.StartAsync();
        await app.RegisterAsync("nce", "MEX");
        var experts = new List<(Registered Expert, string Name)>();
        foreach (var state in new[] { "COL", "BRA" })
            experts.Add((await app.RegisterAsync("geg", state, name: $"Expert designated by {state}", expertise: ["IC"]), $"Expert designated by {state}"));
        var consultant = await app.RegisterAsync("consultant", "CAN", name: "Claire Consultant", expertise: ["IC"]);
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" }, excludedPillars = new Dictionary<string, string[]> { ["MEX"] = ["IS", "RIME"] },
        });
        await app.AssignAsync(roundId, "MEX");

        // Two experts for two seats: whoever declines cannot be replaced.
        var (declining, _) = experts[0];
        var refused = await app.Client(declining.Token).PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/experts/{declining.Id}/decline", new { reason = Reason });
        var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("stays yours", problem["detail"].Str());
        var body = problem.ToJsonString();
        var secrets = experts.Skip(1).SelectMany(e => new[] { e.Expert.Id, e.Expert.Email, e.Name }).Concat([consultant.Id, consultant.Email, "Claire Consultant", Reason]);
        Assert.All(secrets, s => Assert.DoesNotContain(s, body, StringComparison.OrdinalIgnoreCase));

        // The MEM Unit, asking the same, reads who was excluded and why; and the seat is still the expert's.
        var forTheMemUnit = (await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/MEX/experts/{declining.Id}/decline", new { reason = Reason }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity)).ToJsonString();
        Assert.Contains(experts[1].Name, forTheMemUnit);
        var seats = await SeatsAsync(app, roundId);
        Assert.Contains(declining.Id, seats["MEX"]);
    }

    /// <summary>Every operation of the OpenAPI document with its path filled in for this round (Mexico, the decliner),
    /// less what would end the caller's own session (DELETE) or is a development feature (the mailbox and the clock, MEM
    /// Unit only). Commands go with an empty body: most are refused (403, 400, 409), and each answer is read.</summary>
    private static async Task<List<(string Method, string Path)>> OperationsAsync(MemApp app, string roundId, string declinerId)
    {
        var document = await (await app.Client().GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var operations = new List<(string, string)>();
        foreach (var (template, item) in document["paths"]!.AsObject())
            foreach (var (method, _) in item!.AsObject())
            {
                var path = template.Replace("{roundId}", roundId).Replace("{ms}", "MEX").Replace("{participantId}", declinerId)
                    .Replace("{priorityActionId}", "IC-1.1").Replace("{objectiveId}", "IC-1").Replace("{documentId}", "d-unknown")
                    .Replace("{proposalId}", "p-unknown").Replace("{messageId}", "m-unknown").Replace("{documentName}", "v1");
                var verb = method.ToUpperInvariant();
                if (path.StartsWith("/api/sessions", StringComparison.Ordinal) || path.StartsWith("/api/dev/", StringComparison.Ordinal) || verb == "DELETE")
                    continue;
                Assert.DoesNotContain('{', path);
                operations.Add((verb, path));
            }
        return operations;
    }

    private sealed record Person(Registered Registered, string Role, string Name)
    {
        public string Id => Registered.Id;
        public string Email => Registered.Email;
        public string Token => Registered.Token;
        public string? MemberState => Registered.MemberState;
    }

    private static async Task<Dictionary<string, List<string>>> SeatsAsync(MemApp app, string roundId) =>
        (await (await app.Admin().GetAsync($"/api/rounds/{roundId}/assignments")).JsonAsync(HttpStatusCode.OK))["evaluations"]!.AsArray()
            .ToDictionary(e => e!["memberState"].Str(), e => e!["experts"]!.AsArray().Select(x => x.Str()).ToList());
}
