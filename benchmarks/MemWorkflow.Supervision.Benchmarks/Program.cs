using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The supervisor over many open rounds (local host in-process, Kestrel on loopback, Azurite in memory,
// the real Durable engine on the Azure Storage backend): 30 rounds of the 34 member states are started
// and settle; 10 evaluation workflows chosen at random end (5 terminated, 5 terminated and their rows
// purged from the Durable tables); then one supervisor pass. Measured: the pass's wall time, the app's
// own Table requests in it (reads, writes, transactions; table scans, which must be none), the time
// until all 10 run again and have re-planned, and a second pass over the healthy rounds (idempotent:
// it must start nothing). The Durable engine's own instance queries (one id-prefix query per round)
// go through DurableTask.AzureStorage's clients and are not in the app's counts.
// Usage: dotnet run -c Release --project benchmarks/MemWorkflow.Supervision.Benchmarks [rounds, default 30] [ended, default 10]
var roundCount = args.Length > 0 && int.TryParse(args[0], out var r) && r > 0 ? r : 30;
var endedCount = args.Length > 1 && int.TryParse(args[1], out var e) && e > 0 ? e : 10;
var states = MemberStates.All.Where(s => s.Code != "CUB").Select(s => s.Code).ToList();

await using var azurite = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MEMWORKFLOW_LOCALHOST", AppContext.BaseDirectory);
var adminToken = "bench-memunit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
await using var app = new SupervisionBenchmarkApp(azurite.ConnectionString, adminToken);
app.UseKestrel(0);
app.StartServer();
using var admin = app.CreateClient();
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
var durable = app.Services.GetRequiredService<DurableTaskClient>();
var supervisor = app.Services.GetRequiredService<WorkflowSupervisor>();
var metrics = app.Services.GetRequiredService<StorageMetrics>();
Console.WriteLine($"MemWorkflow supervision benchmark: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
    $".NET {Environment.Version}, Azurite 3.35.0 in memory, local host in-process on {admin.BaseAddress}; {roundCount} rounds x {states.Count} member states, {endedCount} workflows ended");

var starting = Stopwatch.StartNew();
var rounds = new List<string>();
for (var i = 0; i < roundCount; i++)
    rounds.Add((await Expect(await admin.PostAsJsonAsync("/api/rounds", new { thematicEvaluation = "R8-2021", memberStates = states }), HttpStatusCode.Created))["roundId"]!.GetValue<string>());
foreach (var id in rounds)
    await SettleAsync(id, _ => true);
Console.WriteLine($"started: {rounds.Count} rounds, {rounds.Count * states.Count} evaluation workflows issued and asleep after {starting.Elapsed.TotalSeconds:F1} s");

var random = new Random(18);
var ended = rounds.SelectMany(id => states.Select(s => Workflow.EvaluationInstance(id, s))).OrderBy(_ => random.Next()).Take(endedCount).ToList();
foreach (var (id, index) in ended.Select((id, i) => (id, i)))
{
    await durable.TerminateInstanceAsync(id);
    while ((await durable.GetInstanceAsync(id))?.RuntimeStatus != OrchestrationRuntimeStatus.Terminated)
        await Task.Delay(50);
    if (index % 2 == 1)
        await durable.PurgeInstanceAsync(id);
}
Console.WriteLine($"ended: {ended.Count(id => ended.IndexOf(id) % 2 == 0)} terminated, {ended.Count(id => ended.IndexOf(id) % 2 == 1)} terminated and purged");

metrics.Reset();
var restoring = Stopwatch.StartNew();
var pass = await supervisor.RunAsync(durable, CancellationToken.None);
var passTime = restoring.Elapsed;
var (reads, writes, transactions, scans) = (metrics.Reads, metrics.Writes, metrics.Transactions, metrics.TableScans.Count);
var restartedIds = pass.Started.ToHashSet();
foreach (var id in rounds.Where(id => ended.Any(x => x.StartsWith(id + ".", StringComparison.Ordinal))))
    await SettleAsync(id, w => w["evaluations"]!.AsArray().All(ev => ev!["runtimeStatus"]!.GetValue<string>() == "Running"));
var restored = restoring.Elapsed;
Console.WriteLine($"pass: {pass.Rounds} rounds, {pass.Workflows} workflows looked at, {pass.Started.Count} started again " +
    $"({(ended.All(restartedIds.Contains) && restartedIds.Count == ended.Count ? "exactly the ended ones" : "NOT exactly the ended ones: " + string.Join(", ", pass.Started))}) in {passTime.TotalMilliseconds:F0} ms; " +
    $"app table requests: {reads} reads, {writes} writes, {transactions} transactions, {scans} table scans ({(double)reads / pass.Rounds:F1} reads per round)");
Console.WriteLine($"restored: all {ended.Count} running and re-planned {restored.TotalSeconds:F1} s after the pass began");

metrics.Reset();
var second = Stopwatch.StartNew();
var again = await supervisor.RunAsync(durable, CancellationToken.None);
Console.WriteLine($"second pass over healthy rounds: {again.Started.Count} started, {second.Elapsed.TotalMilliseconds:F0} ms, {metrics.Reads} reads, {metrics.Writes + metrics.Transactions} writes, {metrics.TableScans.Count} table scans");

async Task SettleAsync(string id, Func<JsonNode, bool> also)
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        var workflow = JsonNode.Parse(await admin.GetStringAsync($"/api/rounds/{id}/workflow"))!;
        if (workflow["evaluations"]!.AsArray().All(ev => ev!["caughtUp"]!.GetValue<bool>()) && also(workflow))
            return;
        if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            throw new TimeoutException($"Round {id} did not settle: {workflow.ToJsonString()}");
        await Task.Delay(200);
    }
}

static async Task<JsonNode> Expect(HttpResponseMessage response, HttpStatusCode status)
{
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != status)
        throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
    return JsonNode.Parse(body)!;
}

internal sealed class SupervisionBenchmarkApp(string connectionString, string adminToken) : WebApplicationFactory<MemWorkflow.LocalHost.Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Mem:Storage:ConnectionString", connectionString);
        builder.UseSetting("Mem:Storage:StartEmulator", "false");
        builder.UseSetting("Mem:Storage:TablePrefix", "sbench");
        builder.UseSetting("Mem:Storage:ContainerPrefix", "sbench");
        builder.UseSetting("MemTaskHub", "sbench" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        builder.UseSetting("Mem:BootstrapAdminToken", adminToken);
        builder.UseSetting("Mem:Clock", "manual");
        builder.UseSetting("Mem:Email:Mode", "local");
        builder.UseSetting("Mem:LocalHost:Timers", "off");
        builder.UseSetting("Mem:PortalBaseUrl", "https://mem.bench.oas.org/");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}
