using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;

namespace MemWorkflow.Resilience.Tests.Chaos;

public sealed record Person(string Key, string Id, string Token, string Email);

/// <summary>What a run of the script leaves behind: each evaluation's history (event types, in order, and
/// when each happened by the manual clock) and its published report as served (Markdown and HTML).</summary>
public sealed record RoundOutcome(
    string RoundId, IReadOnlyDictionary<string, IReadOnlyList<string>> History, IReadOnlyDictionary<string, IReadOnlyList<(string Type, DateTimeOffset At)>> Timeline,
    IReadOnlyDictionary<string, string> Markdown, IReadOnlyDictionary<string, string> Html, IReadOnlyDictionary<string, string> People);

/// <summary>A 2023 round for five member states (International Cooperation only: 7 priority actions and 2
/// objectives each) from registration to publication, over HTTP, with fixed inputs and fixed clock
/// values, so that two runs yield the same reports. Every step goes through <see cref="RetryingApi"/>;
/// within a step the five evaluations go in parallel, each in a fixed order.</summary>
public sealed class RoundScript(RetryingApi api, string adminToken, Action<string> log)
{
    public static readonly DateTimeOffset Epoch = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    public static readonly string[] States = ["ARG", "BRA", "CHL", "COL", "MEX"];
    private static readonly string[] DesignatingStates = ["CAN", "USA", "URY"];

    private readonly ConcurrentDictionary<string, Person> people = new();
    private string roundId = "";

    /// <summary>The round's id once it is started, else empty.</summary>
    public string RoundId => roundId;

    private readonly HashSet<string> reached = [];
    private string step = "not started";

    /// <summary>Where the script is, for the log of each fault.</summary>
    public string Step
    {
        get => step;
        private set
        {
            lock (reached)
                reached.Add(value);
            step = value;
        }
    }

    /// <summary>Whether the script has come to <paramref name="name"/>, or gone past it.</summary>
    public bool Reached(string name)
    {
        lock (reached)
            return reached.Contains(name);
    }

    public async Task<RoundOutcome> RunAsync()
    {
        Step = "registration";
        foreach (var ms in States)
            await RegisterAsync($"nce.{ms.ToLowerInvariant()}", new { role = "nce", name = $"NCE of {ms}", memberState = ms, languages = new[] { "es", "en" } });
        foreach (var ms in DesignatingStates)
            for (var i = 1; i <= 2; i++)
                await RegisterAsync($"geg{i}.{ms.ToLowerInvariant()}", new
                {
                    role = "geg", name = $"Expert {i} of {ms}", memberState = ms, languages = new[] { "en", "es" }, expertise = new[] { "IS", "RIME", "IC" },
                });
        await RegisterAsync("consultant.cri", new { role = "consultant", name = "Consultant of CRI", memberState = "CRI", languages = new[] { "en", "es" }, expertise = new[] { "IC" } });

        Step = "round start";
        var started = await api.CommandAsync("start the round", HttpMethod.Post, "/api/rounds", adminToken, new
        {
            thematicEvaluation = "R8-2023",
            memberStates = States,
            excludedPillars = States.ToDictionary(s => s, _ => new[] { "IS", "RIME" }),
            evaluationPeriod = new { from = 2019, to = 2023 },
        }, headers: new Dictionary<string, string> { ["Idempotency-Key"] = "resilience-chaos-round" });
        roundId = started!["roundId"]!.GetValue<string>();
        await SettleAsync();
        await AdvanceToAsync(Epoch.AddDays(80));

        Step = "questionnaires";
        await EachStateAsync(AnswerQuestionnaireAsync);
        await SettleAsync();

        Step = "assignment";
        var seats = await AssignAsync();
        await SettleAsync();
        await AdvanceToAsync(Epoch.AddDays(112));

        Step = "drafting";
        await EachStateAsync(async ms =>
        {
            var (experts, _) = seats[ms];
            await SaveSummaryAsync(experts[0], ms, "IC-1", Summary(ms, "IC-1", draft: true), version: null);
            await SaveSummaryAsync(experts[1], ms, "IC-2", Summary(ms, "IC-2", draft: false), version: null);
            await CommandAsync($"{ms}: submit the draft", experts[0], $"countries/{ms}/evaluation/submission", null);
        });
        // Ten minutes on: time enough for a fault armed for ten minutes of app time at the drafting to pass.
        await AdvanceToAsync(Epoch.AddDays(112).AddMinutes(10));
        await SettleAsync();
        await AdvanceToAsync(Epoch.AddDays(114));

        Step = "consultant review";
        await EachStateAsync(ms => OnceAsync($"{ms}: request changes", seats[ms].Consultant, ms, $"countries/{ms}/feedback", "changesRequested", 1, new
        {
            decision = "requestChanges",
            comments = new[] { new { objectiveId = "IC-1", text = $"The summary of objective 1 for {ms} stops mid-way; complete it." } },
        }));
        await SettleAsync();
        await AdvanceToAsync(Epoch.AddDays(115));

        Step = "revision";
        await EachStateAsync(async ms =>
        {
            var (experts, consultant) = seats[ms];
            await SaveSummaryAsync(experts[0], ms, "IC-1", Summary(ms, "IC-1", draft: false), version: 1);
            await CommandAsync($"{ms}: submit the revision", experts[0], $"countries/{ms}/evaluation/submission", null);
            await OnceAsync($"{ms}: approve the draft", consultant, ms, $"countries/{ms}/feedback", "draftApproved", 1, new { decision = "approve" });
        });
        await SettleAsync();
        await AdvanceToAsync(Epoch.AddDays(118));

        Step = "country review and publication";
        await EachStateAsync(async ms =>
        {
            await OnceAsync($"{ms}: accept the draft", people[$"nce.{ms.ToLowerInvariant()}"], ms, $"countries/{ms}/draft-comments", "countryCommented", 1,
                new { text = $"{ms} accepts the draft.", accept = true });
            await CommandAsync($"{ms}: approve the report", Admin, $"countries/{ms}/approval", new { note = "Approved at the 76th regular session of CICAD." });
            await CommandAsync($"{ms}: publish the report", Admin, $"countries/{ms}/publication", null);
        });
        await SettleAsync();
        // A day on: every message claimed by a host that died has its claim lapse, and goes out.
        Step = "final settle";
        await AdvanceToAsync(Epoch.AddDays(119));
        await SettleAsync();
        Step = "done";
        return await OutcomeAsync();
    }

    private Person Admin => new("memunit", "", adminToken, "");

    private static Task EachStateAsync(Func<string, Task> step) => Task.WhenAll(States.Select(step));

    private static string Summary(string ms, string objectiveId, bool draft) => draft
        ? $"CICAD notes that {ms} has taken part in regional cooperation under {objectiveId}, but"
        : $"CICAD notes with satisfaction that {ms} has taken part in regional cooperation under {objectiveId}. However, CICAD observes that {ms} " +
          "has not yet evaluated its technical assistance programmes.";

    /// <summary>Registers a participant. Its token is shown once: if the answer was lost, the participant
    /// is found by email and given a new token (the old one stops working).</summary>
    private async Task RegisterAsync(string key, object request)
    {
        var email = $"{key}@example.org";
        var role = key.Split('.')[0].TrimEnd('1', '2');
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(request))!.AsObject();
        body["email"] = email;
        var registered = await api.CommandAsync($"register {key}", HttpMethod.Post, "/api/participants", adminToken, body, recover: async () =>
        {
            var listed = (await api.GetAsync($"/api/participants?role={role}", adminToken)).AsArray();
            if (listed.FirstOrDefault(p => p!["email"]!.GetValue<string>() == email) is not { } found)
                return null;
            return await api.CommandAsync($"new token for {key}", HttpMethod.Post, $"/api/participants/{found["id"]!.GetValue<string>()}/token", adminToken);
        });
        people[key] = new Person(key, registered!["id"]!.GetValue<string>(), registered["accessToken"]!.GetValue<string>(), email);
    }

    private Task<JsonNode?> CommandAsync(string what, Person who, string path, object? body) =>
        api.CommandAsync(what, HttpMethod.Post, $"/api/rounds/{roundId}/{path}", who.Token, body);

    /// <summary>A command the API does not repeat (a second feedback is refused once the stage moved on):
    /// after an attempt that got no answer, the evaluation's history says whether it happened.</summary>
    private Task OnceAsync(string what, Person who, string ms, string path, string eventType, int expected, object body) =>
        api.CommandAsync(what, HttpMethod.Post, $"/api/rounds/{roundId}/{path}", who.Token, body, recover: async () =>
        {
            var history = (await api.GetAsync($"/api/rounds/{roundId}/countries/{ms}", adminToken))["history"]!.AsArray();
            return history.Count(h => h!["type"]!.GetValue<string>() == eventType) >= expected ? history : null;
        });

    private async Task AnswerQuestionnaireAsync(string ms)
    {
        var nce = people[$"nce.{ms.ToLowerInvariant()}"];
        var path = $"/api/rounds/{roundId}/countries/{ms}";
        var fileName = $"Cooperation agreements of {ms}.txt";
        var bytes = Encoding.UTF8.GetBytes($"Cooperation agreements signed by {ms}, 2019-2023.\nOne per line.\n");

        // Reserve once: a reservation whose answer was lost is found among the evaluation's documents.
        async Task<JsonNode?> FindReservation()
        {
            var documents = (await api.GetAsync($"{path}/documents", nce.Token)).AsArray();
            return documents.FirstOrDefault(d => d!["fileName"]!.GetValue<string>() == fileName);
        }
        var reserved = await api.CommandAsync($"{ms}: reserve a document", HttpMethod.Post, $"{path}/documents", nce.Token,
            new { fileName, contentType = "text/plain", length = bytes.Length }, recover: FindReservation);
        var documentId = reserved!["documentId"]!.GetValue<string>();
        // The bytes go through the app. Bytes stored by an attempt whose answer was lost are not stored
        // again (409): their upload is completed instead, which is repeatable.
        while (true)
        {
            var document = (await api.GetAsync($"{path}/documents", nce.Token)).AsArray().Single(d => d!["documentId"]!.GetValue<string>() == documentId)!;
            if (document["status"]!.GetValue<string>() == "completed")
                break;
            Assert.Equal("reserved", document["status"]!.GetValue<string>());
            RetryingApi.Answer uploaded;
            try
            {
                uploaded = await api.SendOnceAsync(HttpMethod.Put, $"{path}/documents/{documentId}/content", nce.Token, content: new ByteArrayContent(bytes));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                continue;
            }
            if (uploaded.Status == HttpStatusCode.OK)
                break;
            if (uploaded.Status == HttpStatusCode.Conflict && uploaded.Body?["title"]?.GetValue<string>() == "Already uploaded")
            {
                await api.CommandAsync($"{ms}: complete the document", HttpMethod.Post, $"{path}/documents/{documentId}/completion", nce.Token);
                break;
            }
            Assert.True(uploaded.Status >= HttpStatusCode.InternalServerError, $"{ms}: upload: {(int)uploaded.Status} {uploaded.Text}");
            await Task.Delay(200);
        }

        var items = (await api.GetAsync($"{path}/questionnaire", nce.Token))["items"]!.AsArray().Select(i => i!["priorityActionId"]!.GetValue<string>()).ToList();
        Assert.Equal(7, items.Count);
        foreach (var (priorityAction, i) in items.Select((p, i) => (p, i)))
        {
            var status = i == 0 ? "implemented" : i % 2 == 1 ? "notImplemented" : "notApplicable";
            var text = $"{ms} on {priorityAction}: " + (status switch
            {
                "implemented" => "bilateral and multilateral agreements are in force; see the attached list.",
                "notImplemented" => "no programme exists yet; one is planned for 2025.",
                _ => "this priority action does not apply to the country's situation, as explained in the national report.",
            });
            await api.CommandAsync($"{ms}: answer {priorityAction}", HttpMethod.Put, $"{path}/answers/{priorityAction}", nce.Token,
                new { status, text, documentIds = status == "implemented" ? new[] { documentId } : [] }, recover: async () =>
                {
                    var answer = (await api.GetAsync($"{path}/questionnaire", nce.Token))["items"]!.AsArray()
                        .Single(x => x!["priorityActionId"]!.GetValue<string>() == priorityAction)!["answer"];
                    if (answer is null)
                        return null;
                    Assert.Equal(text, answer["text"]!.GetValue<string>());
                    return answer;
                });
        }
        await api.CommandAsync($"{ms}: submit the questionnaire", HttpMethod.Post, $"{path}/submission", nce.Token);
    }

    /// <summary>Proposes (seed 1) and commits. A proposal whose answer was lost is simply asked again; a
    /// commitment whose answer was lost is found as the round's committed assignment.</summary>
    private async Task<Dictionary<string, (List<Person> Experts, Person Consultant)>> AssignAsync()
    {
        var proposal = await api.CommandAsync("propose the assignment", HttpMethod.Post, $"/api/rounds/{roundId}/assignments/proposals", adminToken, new { seed = 1 });
        var proposalId = proposal!["proposalId"]!.GetValue<string>();
        var committed = await api.CommandAsync("commit the assignment", HttpMethod.Post,
            $"/api/rounds/{roundId}/assignments/proposals/{proposalId}/commitment", adminToken, recover: async () =>
            {
                var assignment = await api.SendOnceAsync(HttpMethod.Get, $"/api/rounds/{roundId}/assignments", adminToken);
                return assignment.Status == HttpStatusCode.OK && assignment.Body!["proposalId"]!.GetValue<string>() == proposalId ? assignment.Body : null;
            });
        var byId = people.Values.ToDictionary(p => p.Id);
        return committed!["evaluations"]!.AsArray().ToDictionary(e => e!["memberState"]!.GetValue<string>(), e => (
            e!["experts"]!.AsArray().Select(x => byId[x!.GetValue<string>()]).ToList(), byId[e["consultant"]!.GetValue<string>()]));
    }

    private Task SaveSummaryAsync(Person expert, string ms, string objectiveId, string summary, int? version)
    {
        var path = $"/api/rounds/{roundId}/countries/{ms}/evaluation";
        var headers = new Dictionary<string, string>();
        if (version is { } v)
            headers["If-Match"] = $"\"{v}\"";
        return api.CommandAsync($"{ms}: summary of {objectiveId}", HttpMethod.Put, $"{path}/objectives/{objectiveId}", expert.Token, new { summary }, headers: headers,
            recover: async () =>
            {
                var saved = (await api.GetAsync(path, expert.Token))["summaries"]!.AsArray().FirstOrDefault(s => s!["objectiveId"]!.GetValue<string>() == objectiveId);
                return saved is not null && saved["version"]!.GetValue<int>() == (version ?? 0) + 1 && saved["summary"]!.GetValue<string>() == summary ? saved : null;
            });
    }

    /// <summary>Moves the manual clock to <paramref name="target"/>. A move whose answer was lost may or may
    /// not have happened: the clock is read (a move of zero, which also wakes every workflow) and moved by
    /// what is left, until it stands at the target with every workflow planned at that time.</summary>
    private async Task AdvanceToAsync(DateTimeOffset target)
    {
        while (true)
        {
            var read = await api.CommandAsync("read the clock", HttpMethod.Post, "/api/dev/clock", adminToken, new { advance = "PT0S" });
            var now = read!["now"]!.GetValue<DateTimeOffset>();
            Assert.True(now <= target, $"The clock stands at {now:O}, past {target:O}: it moved more than asked.");
            if (now == target && read["settled"]!.GetValue<bool>())
                return;
            if (now == target)
                continue;
            RetryingApi.Answer moved;
            try
            {
                moved = await api.SendOnceAsync(HttpMethod.Post, "/api/dev/clock", adminToken, new { advance = XmlConvert.ToString(target - now) });
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                continue;
            }
            if (moved.Status == HttpStatusCode.OK && moved.Body!["now"]!.GetValue<DateTimeOffset>() == target && moved.Body["settled"]!.GetValue<bool>())
                return;
            Assert.True(moved.Status is HttpStatusCode.OK or >= HttpStatusCode.InternalServerError, $"Moving the clock: {(int)moved.Status} {moved.Text}");
        }
    }

    /// <summary>Waits until every evaluation's workflow has planned from what is stored, at the current time.</summary>
    public async Task SettleAsync()
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var workflow = await api.GetAsync($"/api/rounds/{roundId}/workflow", adminToken);
            if (workflow["evaluations"]!.AsArray().All(e => e!["caughtUp"]!.GetValue<bool>()))
                return;
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(3), $"{Step}: the workflows did not catch up: {workflow.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    private async Task<RoundOutcome> OutcomeAsync()
    {
        var history = new Dictionary<string, IReadOnlyList<string>>();
        var timeline = new Dictionary<string, IReadOnlyList<(string, DateTimeOffset)>>();
        var markdown = new Dictionary<string, string>();
        var html = new Dictionary<string, string>();
        foreach (var ms in States)
        {
            var events = (await api.GetAsync($"/api/rounds/{roundId}/countries/{ms}", adminToken))["history"]!.AsArray();
            history[ms] = events.Select(h => h!["type"]!.GetValue<string>()).ToList();
            timeline[ms] = events.Select(h => (h!["type"]!.GetValue<string>(), h["at"]!.GetValue<DateTimeOffset>())).ToList();
            markdown[ms] = (await api.ReadAsync($"/api/reports/{roundId}/{ms}", null, new Dictionary<string, string> { ["Accept"] = "text/markdown" })).Text;
            html[ms] = (await api.ReadAsync($"/api/reports/{roundId}/{ms}", null, new Dictionary<string, string> { ["Accept"] = "text/html" })).Text;
        }
        log($"round {roundId} published for {string.Join(", ", States)}");
        return new RoundOutcome(roundId, history, timeline, markdown, html, people.Values.ToDictionary(p => p.Email, p => p.Key));
    }
}
