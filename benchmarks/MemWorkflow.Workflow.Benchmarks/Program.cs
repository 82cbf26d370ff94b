using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.LocalHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Two measurements of the Durable workflows in the local host (in-process, Kestrel on loopback,
// Azurite in memory, the real engine with the Azure Storage backend polling at most every second):
// 1. Doorbell latency: 100 deadline extensions, one at a time, each timed from the HTTP answer (the
//    command is committed and the doorbell rung) to its email in the local mailbox (delivered by the
//    evaluation's workflow). p50 and p95.
// 2. Parked orchestrations: rounds started until 1,000+ evaluation workflows sleep on durable timers;
//    the process's CPU (share of one core) and memory over 30 s of idling; then every one woken at once
//    (ClockAdvanced), timed until each has re-planned: events per second.
// Usage: dotnet run -c Release --project benchmarks/MemWorkflow.Workflow.Benchmarks [parked, default 1000]
var parkedTarget = args.Length > 0 && int.TryParse(args[0], out var p) && p > 0 ? p : 1000;
var states = MemberStates.All.Where(s => s.Code != "CUB").Select(s => s.Code).ToList();

await using var azurite = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);
// The app's content root is this output folder; nothing is read from the source tree.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MEMWORKFLOW_LOCALHOST", AppContext.BaseDirectory);
var adminToken = "bench-memunit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
await using var app = new WorkflowBenchmarkApp(azurite.ConnectionString, adminToken);
app.UseKestrel(0);
app.StartServer();
using var admin = app.CreateClient();
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
var mailbox = app.Services.GetRequiredService<LocalMailboxSender>();
var durable = app.Services.GetRequiredService<DurableTaskClient>();
var clock = app.Services.GetRequiredService<ManualClock>();
Console.WriteLine($"MemWorkflow workflow benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, Azurite 3.35.0 in memory, local host in-process on {admin.BaseAddress}");

// 1. Doorbell latency.
foreach (var state in states)
    await Expect(await admin.PostAsJsonAsync("/api/participants", new { role = "nce", name = $"NCE of {state}", email = $"nce.{state.ToLowerInvariant()}@example.org", memberState = state, languages = new[] { "en" } }), HttpStatusCode.Created);
var roundId = (await Expect(await admin.PostAsJsonAsync("/api/rounds", new { thematicEvaluation = "R8-2023", memberStates = states }), HttpStatusCode.Created))["roundId"]!.GetValue<string>();
await SettleAsync(roundId);
var latencies = new List<double>();
var due = clock.GetUtcNow().AddDays(100);
for (var i = 0; i < 100 + 5; i++)
{
    var state = states[i % states.Count];
    due = due.AddHours(1);
    var before = (await mailbox.ReadAsync(roundId, $"nce.{state.ToLowerInvariant()}@example.org")).Count(m => m.Category == "deadlineExtended");
    await Expect(await admin.PostAsJsonAsync($"/api/rounds/{roundId}/countries/{state}/extension", new { due, reason = $"Extension {i}" }), HttpStatusCode.OK);
    var answered = Stopwatch.StartNew();
    while ((await mailbox.ReadAsync(roundId, $"nce.{state.ToLowerInvariant()}@example.org")).Count(m => m.Category == "deadlineExtended") == before)
    {
        if (answered.Elapsed > TimeSpan.FromSeconds(60))
            throw new TimeoutException($"No email for extension {i} of {state} after 60 s.");
        await Task.Delay(5);
    }
    if (i >= 5)
        latencies.Add(answered.Elapsed.TotalMilliseconds);
}
latencies.Sort();
Console.WriteLine($"doorbell: 100 extensions (after 5 warm-up), committed -> email delivered by the workflow: p50 {latencies[49]:F0} ms, p95 {latencies[94]:F0} ms, " +
    $"min {latencies[0]:F0} ms, max {latencies[^1]:F0} ms (target p50 < 1 s: {(latencies[49] < 1000 ? "met" : "NOT met")})");

// 2. Parked orchestrations: rounds of 34 evaluations (no NCE users registered for them: no email) until the target.
var started = Stopwatch.StartNew();
var parkedRounds = new List<string>();
while (parkedRounds.Count * states.Count < parkedTarget)
{
    var id = (await Expect(await admin.PostAsJsonAsync("/api/rounds", new { thematicEvaluation = "R8-2021", memberStates = states }), HttpStatusCode.Created))["roundId"]!.GetValue<string>();
    parkedRounds.Add(id);
}
foreach (var id in parkedRounds)
    await SettleAsync(id);
var parked = parkedRounds.Count * states.Count;
Console.WriteLine($"parked: {parkedRounds.Count} rounds started, {parked} evaluation workflows issued and asleep on durable timers after {started.Elapsed.TotalSeconds:F1} s");

await Task.Delay(TimeSpan.FromSeconds(10));
var process = Process.GetCurrentProcess();
process.Refresh();
var cpuBefore = process.TotalProcessorTime;
var idle = Stopwatch.StartNew();
var samples = new List<long>();
while (idle.Elapsed < TimeSpan.FromSeconds(30))
{
    await Task.Delay(1000);
    process.Refresh();
    samples.Add(process.WorkingSet64);
}
process.Refresh();
var cpuShare = (process.TotalProcessorTime - cpuBefore).TotalSeconds / idle.Elapsed.TotalSeconds;
Console.WriteLine($"idle with {parked + 1 + parkedRounds.Count} orchestrations (incl. round workflows) for {idle.Elapsed.TotalSeconds:F0} s: CPU {cpuShare:P1} of one core " +
    $"(target < 3%: {(cpuShare < 0.03 ? "met" : "NOT met")}); working set median {samples.Order().ElementAt(samples.Count / 2) / 1048576.0:F0} MB, " +
    $"managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB");

// Wake every parked evaluation at once: the clock moves one second, ClockAdvanced goes to each.
var instances = parkedRounds.SelectMany(id => states.Select(s => Workflow.EvaluationInstance(id, s))).ToList();
clock.Advance(TimeSpan.FromSeconds(1));
var target = clock.GetUtcNow();
var nodeBefore = NodeCpu();
process.Refresh();
var selfBefore = process.TotalProcessorTime;
var woken = Stopwatch.StartNew();
await Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, token) =>
    await durable.RaiseEventAsync(id, Workflow.ClockAdvanced, cancellation: token));
var raised = woken.Elapsed.TotalSeconds;
var pending = new HashSet<string>(instances);
while (pending.Count > 0)
{
    if (woken.Elapsed > TimeSpan.FromMinutes(10))
        throw new TimeoutException($"{pending.Count} workflows had not re-planned after 10 minutes.");
    await foreach (var instance in durable.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true, PageSize = 1000, Statuses = [OrchestrationRuntimeStatus.Running] }))
    {
        if (pending.Contains(instance.InstanceId) && instance.ReadCustomStatusAs<WorkflowStatus>()?.PlannedAt >= target)
            pending.Remove(instance.InstanceId);
    }
    // Each poll reads the whole instances table from the same single-threaded Azurite the engine uses.
    await Task.Delay(2000);
}
var seconds = woken.Elapsed.TotalSeconds;
process.Refresh();
Console.WriteLine($"while waking: Azurite (node) used {(NodeCpu() - nodeBefore).TotalSeconds / seconds:P0} of one core, the local host {(process.TotalProcessorTime - selfBefore).TotalSeconds / seconds:P0}");
Console.WriteLine($"woken: {instances.Count} ClockAdvanced events raised in {raised:F1} s; every workflow re-planned after {seconds:F1} s: " +
    $"{instances.Count / seconds:F0} events/s handled end to end (each: one activity, a custom status, continue-as-new), " +
    $"against the Azure Storage provider's published ~50 external events/s per instance: {instances.Count / seconds / 50:F1}x");

async Task SettleAsync(string id)
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        var workflow = JsonNode.Parse(await admin.GetStringAsync($"/api/rounds/{id}/workflow"))!;
        if (workflow["evaluations"]!.AsArray().All(e => e!["caughtUp"]!.GetValue<bool>()))
            return;
        if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            throw new TimeoutException($"Round {id} did not settle: {workflow.ToJsonString()}");
        await Task.Delay(200);
    }
}

static TimeSpan NodeCpu() => Process.GetProcessesByName("node").Aggregate(TimeSpan.Zero, (sum, p) => sum + p.TotalProcessorTime);

static async Task<JsonNode> Expect(HttpResponseMessage response, HttpStatusCode status)
{
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != status)
        throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
    return JsonNode.Parse(body)!;
}

internal sealed class WorkflowBenchmarkApp(string connectionString, string adminToken) : WebApplicationFactory<MemWorkflow.LocalHost.Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Mem:Storage:ConnectionString", connectionString);
        builder.UseSetting("Mem:Storage:StartEmulator", "false");
        builder.UseSetting("Mem:Storage:TablePrefix", "wbench");
        builder.UseSetting("Mem:Storage:ContainerPrefix", "wbench");
        builder.UseSetting("MemTaskHub", "wbench" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        builder.UseSetting("Mem:BootstrapAdminToken", adminToken);
        builder.UseSetting("Mem:Clock", "manual");
        builder.UseSetting("Mem:Email:Mode", "local");
        builder.UseSetting("Mem:PortalBaseUrl", "https://mem.bench.oas.org/");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}
