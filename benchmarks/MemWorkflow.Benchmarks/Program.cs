using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Round start: the MEM Unit starts the comprehensive 2024 round (R8-2024, all five pillars) for 34
// member states with two NCE users each, through the real HTTP API of the whole app hosted in-process
// (Kestrel on a loopback port) against its own Azurite, the round's Durable orchestrations on the real
// engine. Measured: the time to the HTTP answer (the round is written and its workflow scheduled), and
// from the POST until the workflows have issued every questionnaire and every NCE email is in the
// mailbox: wall time, the app's own Table requests (the Durable engine's queue and history traffic is
// not counted)
// (entity-group transactions, single-entity writes, reads) and the request body bytes sent to storage.
// Baseline: the entities the app wrote for a round, read back and written again straight with the
// Azure SDK into a fresh partition in the same requests (same transactions, same grouping, same
// single-entity writes, same concurrency), with no reads, no HTTP front end and no deciding.
// Usage: dotnet run -c Release --project benchmarks/MemWorkflow.Benchmarks [runs, default 10]
//    or: ... -- --idle [minutes, default 10]: one round start after the app has sat idle that long (the
//        Durable queues' polling has backed off as far as host.json lets it), timed to issued and mailed.
//    or: ... -- --clock [moves, default 5]: one round's 34 evaluations live on the manual clock, then
//        POST /api/dev/clock moves it a day at a time: the time to each answer (every workflow caught up).
const string Thematic = "R8-2024";
const int NcePerState = 2;
var mode = args.FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal));
var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var runs = numbers.Length > 0 && int.TryParse(numbers[0], out var n) && n > 0 ? n : mode == "--idle" ? 10 : mode == "--clock" ? 5 : 10;

// The member states the MEM evaluates: the OAS's 35 without Cuba.
var states = MemberStates.All.Where(s => s.Code != "CUB").ToList();
var thematic = PlanCatalogue.Current.FindThematicEvaluation(Thematic)!;
var priorityActions = PlanCatalogue.Current.QuestionnaireItems(thematic.PillarIds, []).Count;
var expectedEmails = states.Count * NcePerState;

await using var azurite = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);
// The app's content root is this output folder; nothing is read from the source tree.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MEMWORKFLOW_LOCALHOST", AppContext.BaseDirectory);
var adminToken = "bench-memunit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
var appRequests = new RequestLog(azurite.TablePort);
await using var app = new BenchmarkApp(azurite.ConnectionString, adminToken, appRequests, manualClock: mode == "--clock");
app.UseKestrel(0);
app.StartServer();
var metrics = app.Services.GetRequiredService<StorageMetrics>();
var tables = app.Services.GetRequiredService<StorageTables>();
var concurrency = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Concurrency;
using var admin = app.CreateClient();
admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);

// Reads for checking and capturing go through a plain client, so nothing counts them.
var reader = new TableServiceClient(azurite.ConnectionString);
// The baseline's client counts its requests exactly as the app's clients count theirs.
var baselineMetrics = new StorageMetrics();
var baselineRequests = new RequestLog(azurite.TablePort);
var baselineOptions = new TableClientOptions();
baselineOptions.AddPolicy(baselineMetrics, HttpPipelinePosition.PerCall);
baselineOptions.AddPolicy(baselineRequests, HttpPipelinePosition.PerCall);
var baselineService = new TableServiceClient(azurite.ConnectionString, baselineOptions);
var baselineRounds = baselineService.GetTableClient(tables.Rounds.Name);
var baselineMailbox = baselineService.GetTableClient(tables.Mailbox.Name);

Console.WriteLine($"MemWorkflow round-start benchmark: {Thematic} ({thematic.Title}: {string.Join(", ", thematic.PillarIds)}; {priorityActions} priority actions), " +
    $"{states.Count} member states x {NcePerState} NCE users");
Console.WriteLine($"  {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, " +
    $"Azurite 3.35.0 in memory (tables on 127.0.0.1:{azurite.TablePort}), app in-process on {admin.BaseAddress}, email mode local, " +
    $"{runs} runs after 1 warm-up");

// Register the NCE users over HTTP, as the MEM Unit would.
var nceEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
var registration = Stopwatch.StartNew();
foreach (var state in states)
{
    for (var i = 1; i <= NcePerState; i++)
    {
        var email = $"nce{i}.{state.Code.ToLowerInvariant()}@example.org";
        using var response = await admin.PostAsJsonAsync("/api/participants", new
        {
            role = "nce",
            name = $"NCE user {i} of {state.Name}",
            email,
            memberState = state.Code,
            languages = i == 1 ? new[] { FirstLanguage(state.Code) } : new[] { FirstLanguage(state.Code), "en" }.Distinct().ToArray(),
        });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /api/participants: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        nceEmails.Add(email);
    }
}
Console.WriteLine($"  registered {nceEmails.Count} NCE users over HTTP in {registration.Elapsed.TotalSeconds:F2} s");
Console.WriteLine();

if (mode == "--idle")
{
    // The app has registered its users and done nothing else: its Durable workers have only polled.
    Console.WriteLine($"  idle for {runs} minutes (host.json: Durable queues polled at most every 1 s)...");
    await Task.Delay(TimeSpan.FromMinutes(runs));
    var afterIdle = await StartRoundAsync();
    Console.WriteLine($"after {runs} idle minutes: HTTP answer {afterIdle.Answered:F3} s; issued {afterIdle.Issuing:F3} s; issued and mailed {afterIdle.Seconds:F3} s " +
        $"({afterIdle.Issued}/{states.Count} issued, {afterIdle.Emails}/{expectedEmails} NCE emails; target < 5 s: {(afterIdle.Seconds < 5 ? "met" : "NOT met")}), {afterIdle.Counts}");
    return;
}
if (mode == "--clock")
{
    var live = await StartRoundAsync();
    Console.WriteLine($"  {live.RoundId}: {live.Issued} evaluations live (issued and mailed in {live.Seconds:F3} s)");
    var moves = new List<double>();
    for (var move = 1; move <= runs; move++)
    {
        var watch = Stopwatch.StartNew();
        using var moved = await admin.PostAsJsonAsync("/api/dev/clock", new { advance = "P1D" });
        var answer = JsonNode.Parse(await moved.Content.ReadAsStringAsync())!;
        moves.Add(watch.Elapsed.TotalSeconds);
        if (moved.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"POST /api/dev/clock: {(int)moved.StatusCode} {answer}");
        Console.WriteLine($"  move {move}: {moves[^1]:F3} s (woken {answer["woken"]}, settled {answer["settled"]})");
    }
    Console.WriteLine($"POST /api/dev/clock with {live.Issued} live evaluations: median {Median(moves):F3} s, max {moves.Max():F3} s (target < 3 s: {(moves.Max() < 3 ? "met" : "NOT met")})");
    return;
}

var appRuns = new List<AppRun>();
var baselineRuns = new List<BaselineRun>();
// The app and the baseline take turns going first, so neither always runs on the other's leftovers
// (Azurite's garbage, a warm connection pool). Going first, the baseline replays the previous round.
Captured? last = null;
for (var run = 0; run <= runs; run++)
{
    AppRun measured;
    BaselineRun baseline;
    var baselineFirst = run % 2 == 0 && last is not null;
    if (baselineFirst)
    {
        baseline = await BaselineAsync(PlanFor(last!));
        measured = await StartRoundAsync();
        last = await CaptureAsync(measured.RoundId);
    }
    else
    {
        measured = await StartRoundAsync();
        last = await CaptureAsync(measured.RoundId);
        baseline = await BaselineAsync(PlanFor(last));
    }
    var label = run == 0 ? "warm-up" : $"run {run}";
    Console.WriteLine($"  {label,-7}: app {measured.Seconds,6:F3} s (HTTP answer {measured.Answered:F3} s; issued {measured.Issuing:F3} s + mailed {measured.Seconds - measured.Issuing:F3} s; {measured.RoundId}: {measured.Issued}/{states.Count} issued, {measured.Emails}/{expectedEmails} NCE emails" +
        $"{(measured.Polls > 0 ? $", complete after {measured.Polls} polls" : " at the 201")}), {measured.Counts}{(baselineFirst ? "; baseline ran first" : "")}");
    Console.WriteLine($"  {"",-7}  baseline {baseline.Seconds,6:F3} s (issued {baseline.Issuing:F3} s + mailed {baseline.Seconds - baseline.Issuing:F3} s), {baseline.Counts}; ratio time {measured.Seconds / baseline.Seconds:F2}x, bytes {(double)measured.Counts.Bytes / baseline.Counts.Bytes:F2}x");
    if (run == 0)
        continue;
    appRuns.Add(measured);
    baselineRuns.Add(baseline);
}

var appMedian = Median(appRuns.Select(r => r.Seconds));
var baselineMedian = Median(baselineRuns.Select(r => r.Seconds));
var ratio = appMedian / baselineMedian;
var transactions = Median(appRuns.Select(r => (double)r.Counts.Transactions));
var tableRequests = Median(appRuns.Select(r => (double)r.Counts.TableRequests));
var bytes = Median(appRuns.Select(r => (double)r.Counts.Bytes));
var baselineBytes = Median(baselineRuns.Select(r => (double)r.Counts.Bytes));

Console.WriteLine();
Console.WriteLine($"Storage requests of the last run's round start (app), against the baseline's:");
PrintBreakdown(appRuns[^1].Requests, baselineRuns[^1].Requests);
var sameWrites = WriteSignature(appRuns[^1].Requests).SequenceEqual(WriteSignature(baselineRuns[^1].Requests));
Console.WriteLine($"  the baseline sends the same write requests as the app (kind, table, count): {(sameWrites ? "yes" : "NO")}");
Console.WriteLine();
Console.WriteLine($"app:      median {appMedian:F3} s (min {appRuns.Min(r => r.Seconds):F3}, max {appRuns.Max(r => r.Seconds):F3}); " +
    $"issuing median {Median(appRuns.Select(r => r.Issuing)):F3} s, mailing median {Median(appRuns.Select(r => r.Seconds - r.Issuing)):F3} s");
Console.WriteLine($"baseline: median {baselineMedian:F3} s (min {baselineRuns.Min(r => r.Seconds):F3}, max {baselineRuns.Max(r => r.Seconds):F3}); " +
    $"issuing median {Median(baselineRuns.Select(r => r.Issuing)):F3} s, mailing median {Median(baselineRuns.Select(r => r.Seconds - r.Issuing)):F3} s");
Console.WriteLine($"ratio of medians {ratio:F2}x; median of the runs' own ratios {Median(appRuns.Zip(baselineRuns, (a, b) => a.Seconds / b.Seconds)):F2}x");
Console.WriteLine($"bytes written: app {bytes:N0}, baseline {baselineBytes:N0}, ratio {bytes / baselineBytes:F2}x");
var answeredMedian = Median(appRuns.Select(r => r.Answered));
Console.WriteLine($"HTTP answer median {answeredMedian:F3} s (min {appRuns.Min(r => r.Answered):F3}, max {appRuns.Max(r => r.Answered):F3}; target < 0.5 s: {(answeredMedian < 0.5 ? "met" : "NOT met")})");
Console.WriteLine($"round start median {appMedian:F2} s (target < 5 s: {(appMedian < 5 ? "met" : "NOT met")}); baseline {baselineMedian:F2} s; " +
    $"ratio {ratio:F2}x (target < 1.5x: {(ratio < 1.5 ? "met" : "NOT met")}); {transactions:N0} transactions, {tableRequests:N0} table requests, {bytes:N0} bytes written");

// One measured round start: the POST, then the API's own answer on whether all is issued and mailed.
async Task<AppRun> StartRoundAsync()
{
    metrics.Reset();
    appRequests.Clear();
    var started = Stopwatch.GetTimestamp();
    var watch = Stopwatch.StartNew();
    using var response = await admin.PostAsJsonAsync("/api/rounds", new { thematicEvaluation = Thematic, memberStates = states.Select(s => s.Code).ToArray() });
    var body = await response.Content.ReadAsStringAsync();
    var seconds = watch.Elapsed.TotalSeconds;
    var answered = seconds;
    var counts = Counts.Of(metrics, appRequests);
    var requests = appRequests.Snapshot();
    if (response.StatusCode != HttpStatusCode.Created)
        throw new InvalidOperationException($"POST /api/rounds: {(int)response.StatusCode} {body}");
    var roundId = JsonNode.Parse(body)!["roundId"]!.GetValue<string>();

    // The workflows issue and send after the 201: the time runs on until the API shows everything done.
    var polls = 0;
    var (issued, emails) = await CompletionAsync(roundId);
    while (issued < states.Count || emails < expectedEmails)
    {
        if (watch.Elapsed > TimeSpan.FromMinutes(2))
            throw new TimeoutException($"Round {roundId}: {issued}/{states.Count} issued, {emails}/{expectedEmails} emails after two minutes.");
        await Task.Delay(10);
        polls++;
        (issued, emails) = await CompletionAsync(roundId);
        seconds = watch.Elapsed.TotalSeconds;
        counts = Counts.Of(metrics, appRequests);
        requests = appRequests.Snapshot();
    }
    return new AppRun(roundId, answered, seconds, IssuedAfter(requests, started), polls, issued, emails, counts, requests);
}

// Read from the tables through the benchmark's own client, so that watching costs the app nothing: its
// requests are the round start's alone (polling the API counted each poll's reads as the app's).
async Task<(int Issued, int Emails)> CompletionAsync(string roundId)
{
    var issued = (await QueryAsync(reader.GetTableClient(tables.Rounds.Name),
        $"PartitionKey eq '{roundId}' and RowKey ge 'evt|' and RowKey lt 'evt}}' and Type eq 'questionnaireIssued'")).Count;
    // A message is in the mailbox a moment before its outbox row is marked sent: done is both.
    var unsent = (await QueryAsync(reader.GetTableClient(tables.Rounds.Name),
        $"PartitionKey eq '{roundId}' and {RowKeys.StartsWith(RowKeys.OutboxPrefix)} and Status ne '{OutboxStatus.Sent}'")).Count;
    if (unsent > 0)
        return (issued, 0);
    var mail = await QueryAsync(reader.GetTableClient(tables.Mailbox.Name), $"PartitionKey eq 'mail' and {RowKeys.StartsWith(roundId + "|")}");
    var emails = mail.Where(m => m.GetString("Category") == EmailKind.QuestionnaireIssued)
        .Select(m => m.GetString("To")).Where(nceEmails.Contains).Distinct(StringComparer.OrdinalIgnoreCase).Count();
    return (issued, emails);
}

// Everything the round start wrote, read back from the round's partition and the mailbox; the outbox
// and the mailbox checked once more from the tables.
async Task<Captured> CaptureAsync(string roundId)
{
    var rows = await QueryAsync(reader.GetTableClient(tables.Rounds.Name), $"PartitionKey eq '{roundId}'");
    var mail = (await QueryAsync(reader.GetTableClient(tables.Mailbox.Name), $"PartitionKey eq 'mail' and {RowKeys.StartsWith(roundId + "|")}"))
        .ToDictionary(m => m.RowKey[(roundId.Length + 1)..], StringComparer.Ordinal);
    var outbox = rows.Where(r => r.RowKey.StartsWith(RowKeys.OutboxPrefix, StringComparison.Ordinal)).ToList();
    if (outbox.Count != expectedEmails || outbox.Any(o => o.GetString("Status") != OutboxStatus.Sent) || mail.Count != expectedEmails)
        throw new InvalidOperationException($"Round {roundId}: {outbox.Count} outbox rows ({outbox.Count(o => o.GetString("Status") == OutboxStatus.Sent)} sent), {mail.Count} mailbox rows; {expectedEmails} expected.");
    return new Captured(roundId, rows, mail);
}

// The captured round's writes as requests, in a fresh partition (a round id's length) each time.
ReplayPlan PlanFor(Captured captured)
{
    var (roundId, rows, mail) = captured;
    var partition = $"b{roundId[1..6]}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
    var outbox = rows.Where(r => r.RowKey.StartsWith(RowKeys.OutboxPrefix, StringComparison.Ordinal)).ToList();

    // As EventStore.Append builds a command's transaction: each event followed by its outbox rows
    // (as first written: pending), then the command's marker row and the stream's state row. The round first, then each country.
    var transactions = new List<IReadOnlyList<TableEntity>>();
    foreach (var stream in new[] { RowKeys.RoundStream }.Concat(states.Select(s => s.Code)))
    {
        var transaction = new List<TableEntity>();
        foreach (var @event in rows.Where(r => r.RowKey.StartsWith(RowKeys.EventPrefix(stream), StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            transaction.Add(Copy(@event, partition, @event.RowKey));
            var version = int.Parse(@event.RowKey[^10..], System.Globalization.CultureInfo.InvariantCulture);
            transaction.AddRange(outbox.Where(o => o.RowKey.StartsWith($"{RowKeys.OutboxPrefix}{stream}|{version:D10}|", StringComparison.Ordinal))
                .OrderBy(o => o.RowKey, StringComparer.Ordinal).Select(o => Pending(o, partition)));
        }
        // Then each command's marker row (one command per stream at a round start), then the state row.
        transaction.AddRange(rows.Where(r => r.RowKey.StartsWith(RowKeys.Command(stream, ""), StringComparison.Ordinal)).Select(r => Copy(r, partition, r.RowKey)));
        transaction.Add(Copy(rows.Single(r => r.RowKey == RowKeys.State(stream)), partition, RowKeys.State(stream)));
        transactions.Add(transaction);
    }
    var planned = transactions.Sum(t => t.Count);
    if (planned != rows.Count)
        throw new InvalidOperationException($"Round {roundId} has {rows.Count} rows, the replay plan {planned}.");

    // As the dispatcher sends them: claimed (merge, chunks of 100), then per message its mailbox row
    // (upsert) and its outbox row as sent (merge).
    var claims = new List<TableEntity>();
    var sends = new List<(TableEntity Mail, TableEntity Sent)>();
    foreach (var row in outbox.OrderBy(o => o.RowKey, StringComparer.Ordinal))
    {
        var claim = Pending(row, partition);
        claim["Status"] = "sending";
        claim["ClaimedUntil"] = row.GetDateTimeOffset("ClaimedUntil");
        claims.Add(claim);
        var sent = Copy(row, partition, row.RowKey);
        if (!sent.ContainsKey("LastError"))
            sent["LastError"] = null;
        var message = mail[row.RowKey];
        sends.Add((Copy(message, message.PartitionKey, $"{partition}|{row.RowKey}"), sent));
    }
    return new ReplayPlan(transactions, claims, sends);
}

// The same writes, straight through the Azure SDK, timed from the first request to the last answer.
async Task<BaselineRun> BaselineAsync(ReplayPlan plan)
{
    baselineMetrics.Reset();
    baselineRequests.Clear();
    var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
    var started = Stopwatch.GetTimestamp();
    var watch = Stopwatch.StartNew();
    foreach (var transaction in plan.Transactions)
    {
        var response = await baselineRounds.SubmitTransactionAsync(transaction.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        for (var i = 0; i < transaction.Count; i++)
            etags[transaction[i].RowKey] = response.Value[i].Headers.ETag ?? default;
    }
    var sends = plan.Sends.ToDictionary(s => s.Sent.RowKey, StringComparer.Ordinal);
    // Each evaluation's workflow claims its own stream's messages: one transaction per stream.
    foreach (var chunk in plan.Claims.GroupBy(c => c.GetString("Stream")).SelectMany(g => g.Chunk(TableLimits.MaxTransactionActions)))
    {
        var response = await baselineRounds.SubmitTransactionAsync(
            chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, e, etags[e.RowKey])));
        for (var i = 0; i < chunk.Length; i++)
            etags[chunk[i].RowKey] = response.Value[i].Headers.ETag ?? default;
        await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (claim, token) =>
        {
            var (message, sent) = sends[claim.RowKey];
            await baselineMailbox.UpsertEntityAsync(message, TableUpdateMode.Replace, token);
            await baselineRounds.UpdateEntityAsync(sent, etags[claim.RowKey], TableUpdateMode.Merge, token);
        });
    }
    var seconds = watch.Elapsed.TotalSeconds;
    var requests = baselineRequests.Snapshot();
    return new BaselineRun(seconds, IssuedAfter(requests, started), Counts.Of(baselineMetrics, baselineRequests), requests);
}

// Seconds from the start until the answer to the transaction that issued the last questionnaire (the
// round's transaction and one per state); the rest is sending the emails.
double IssuedAfter(IReadOnlyList<StorageRequest> requests, long started) =>
    Stopwatch.GetElapsedTime(started, requests.Where(r => r.Kind == "transaction").Select(r => r.At).Order().ElementAt(states.Count)).TotalSeconds;

static async Task<List<TableEntity>> QueryAsync(TableClient table, string filter)
{
    var rows = new List<TableEntity>();
    await foreach (var row in table.QueryAsync<TableEntity>(filter))
        rows.Add(row);
    return rows;
}

// A stored row's properties under new keys, without what storage adds (Timestamp, ETag).
static TableEntity Copy(TableEntity source, string partitionKey, string rowKey)
{
    var copy = new TableEntity(partitionKey, rowKey);
    foreach (var (key, value) in source)
    {
        if (key is not ("PartitionKey" or "RowKey" or "Timestamp") && !key.StartsWith("odata.", StringComparison.Ordinal) && !key.Contains("@odata.", StringComparison.Ordinal))
            copy[key] = value;
    }
    return copy;
}

// An outbox row as the command wrote it, before the dispatcher touched it.
static TableEntity Pending(TableEntity sent, string partitionKey) => OutboxRow.Create(partitionKey, sent.RowKey, sent.GetString("Stream"),
    new Email(new Recipient(sent.GetString("ToParticipantId"), sent.GetString("ToName"), sent.GetString("ToEmail"), sent.GetString("Language")),
        sent.GetString("Kind"), sent.GetString("Subject"), sent.GetString("Text"), sent.GetString("Html")),
    sent.GetDateTimeOffset("CreatedAt")!.Value);

static string FirstLanguage(string memberState) => memberState switch
{
    "BRA" => "pt",
    "HTI" => "fr",
    "ATG" or "BHS" or "BRB" or "BLZ" or "CAN" or "DMA" or "GRD" or "GUY" or "JAM" or "KNA" or "LCA" or "VCT" or "SUR" or "TTO" or "USA" => "en",
    _ => "es",
};

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static IEnumerable<string> WriteSignature(IReadOnlyList<StorageRequest> requests) => requests.Where(r => r.IsWrite)
    .GroupBy(r => $"{r.Kind} {r.Table}").Select(g => $"{g.Key} x{g.Count()}").Order(StringComparer.Ordinal);

static void PrintBreakdown(IReadOnlyList<StorageRequest> app, IReadOnlyList<StorageRequest> baseline)
{
    var keys = app.Concat(baseline).Select(r => (r.Service, r.Kind, r.Table, r.Status)).Distinct()
        .OrderBy(k => k.Service, StringComparer.Ordinal).ThenByDescending(k => k.Kind.StartsWith("transaction", StringComparison.Ordinal))
        .ThenBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Table, StringComparer.Ordinal).ThenBy(k => k.Status).ToList();
    Console.WriteLine($"  {"service",-7} {"request",-16} {"table",-20} {"status",6} {"app",5} {"app bytes",11} {"app ms",8} {"baseline",9} {"bl bytes",11} {"bl ms",8}");
    foreach (var key in keys)
    {
        var a = app.Where(r => (r.Service, r.Kind, r.Table, r.Status) == key).ToList();
        var b = baseline.Where(r => (r.Service, r.Kind, r.Table, r.Status) == key).ToList();
        Console.WriteLine($"  {key.Service,-7} {key.Kind,-16} {key.Table,-20} {key.Status,6} {a.Count,5} {a.Sum(r => r.Bytes),11:N0} {a.Sum(r => r.Milliseconds),8:F1} " +
            $"{b.Count,9} {b.Sum(r => r.Bytes),11:N0} {b.Sum(r => r.Milliseconds),8:F1}");
    }
    Console.WriteLine($"  {"total",-7} {"",-16} {"",-20} {"",6} {app.Count,5} {app.Sum(r => r.Bytes),11:N0} {app.Sum(r => r.Milliseconds),8:F1} " +
        $"{baseline.Count,9} {baseline.Sum(r => r.Bytes),11:N0} {baseline.Sum(r => r.Milliseconds),8:F1}");
    Console.WriteLine("  (ms: request to answer, summed; the emails go out several at a time, so the sums exceed the wall time)");
}

internal sealed record AppRun(string RoundId, double Answered, double Seconds, double Issuing, int Polls, int Issued, int Emails, Counts Counts, IReadOnlyList<StorageRequest> Requests);

internal sealed record BaselineRun(double Seconds, double Issuing, Counts Counts, IReadOnlyList<StorageRequest> Requests);

internal sealed record Captured(string RoundId, IReadOnlyList<TableEntity> Rows, IReadOnlyDictionary<string, TableEntity> Mail);

internal sealed record ReplayPlan(
    IReadOnlyList<IReadOnlyList<TableEntity>> Transactions, IReadOnlyList<TableEntity> Claims, IReadOnlyList<(TableEntity Mail, TableEntity Sent)> Sends);

/// <summary>The app's own <see cref="StorageMetrics"/> counters, and the table requests among them.</summary>
internal sealed record Counts(long Transactions, long Writes, long Reads, long Bytes, long TableRequests)
{
    public static Counts Of(StorageMetrics metrics, RequestLog log) =>
        new(metrics.Transactions, metrics.Writes, metrics.Reads, metrics.BytesWritten, log.Snapshot().Count(r => r.Service == "table"));

    public override string ToString() =>
        $"{Transactions} transactions, {Writes} single writes, {Reads} reads ({TableRequests} table requests), {Bytes:N0} bytes written";
}

/// <summary>One storage request as it left the client: what it did, where, its answer and body size.</summary>
internal sealed record StorageRequest(string Service, string Kind, string Table, int Status, long Bytes, long At, double Milliseconds)
{
    public bool IsWrite => Kind is not ("point read" or "query");
}

/// <summary>Every storage request a client sends, by kind and table, with its request body size.</summary>
internal sealed class RequestLog(int tablePort) : HttpPipelineSynchronousPolicy
{
    private const string SentAt = "benchmark-sent-at";
    private readonly ConcurrentQueue<StorageRequest> requests = new();

    public override void OnSendingRequest(HttpMessage message) => message.SetProperty(SentAt, Stopwatch.GetTimestamp());

    public override void OnReceivedResponse(HttpMessage message)
    {
        var at = Stopwatch.GetTimestamp();
        var milliseconds = message.TryGetProperty(SentAt, out var sent) && sent is long start ? Stopwatch.GetElapsedTime(start, at).TotalMilliseconds : 0;
        var request = message.Request;
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var target = segments.Length > 1 ? segments[1] : "";
        var paren = target.IndexOf('(', StringComparison.Ordinal);
        var table = paren >= 0 ? target[..paren] : target;
        var entity = paren >= 0 && target.Length > paren + 2;
        var method = request.Method.Method;
        var service = request.Uri.Port == tablePort ? "table" : "blob";
        var kind = (method, entity) switch
        {
            ("POST", _) when table == "$batch" => "transaction",
            ("GET" or "HEAD", true) => "point read",
            ("GET" or "HEAD", false) => "query",
            ("PUT", true) => "upsert/replace",
            ("MERGE" or "PATCH", true) => "merge",
            ("POST", false) => "insert",
            ("DELETE", _) => "delete",
            _ => method,
        };
        var bytes = request.Content is null ? 0 : request.Content.TryComputeLength(out var length) ? length : -1;
        requests.Enqueue(new StorageRequest(service, kind, kind == "transaction" ? "(entity group)" : table, message.Response.Status, bytes, at, milliseconds));
    }

    public IReadOnlyList<StorageRequest> Snapshot() => requests.ToArray();

    public void Clear() => requests.Clear();
}

// The local host runs the functions as the tests run them.
internal sealed class BenchmarkApp(string connectionString, string adminToken, HttpPipelinePolicy requests, bool manualClock) : WebApplicationFactory<MemWorkflow.LocalHost.Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Mem:Storage:ConnectionString", connectionString);
        builder.UseSetting("Mem:Storage:StartEmulator", "false");
        builder.UseSetting("Mem:Storage:TablePrefix", "rbench");
        builder.UseSetting("Mem:Storage:ContainerPrefix", "rbench");
        builder.UseSetting("Mem:BootstrapAdminToken", adminToken);
        builder.UseSetting("MemTaskHub", "bench" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)) + "hub");
        builder.UseSetting("Mem:Email:Mode", "local");
        builder.UseSetting("Mem:Clock", manualClock ? "manual" : "system");
        builder.UseSetting("Mem:PortalBaseUrl", "https://mem.oas.org/");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        // Beside the app's StorageMetrics, a log of every storage request by kind (StorageClients adds registered policies).
        builder.ConfigureTestServices(services => services.AddSingleton(requests));
    }
}
