using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Publication;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Publication;
using MemWorkflow.Functions.Questionnaires;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost;
using Microsoft.Extensions.Options;

// Render and publish time of real-sized reports on local Azurite: the Mexico 2023 report (the real
// answers and summaries) and a comprehensive report (all five pillars, 142 priority actions) with long answers.
var runs = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 7;
await using var azurite = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);
var storage = Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, ContainerPrefix = "bench" });
var blobs = new StorageBlobs(new BlobServiceClient(azurite.ConnectionString), storage);
await blobs.CreateIfNotExistsAsync();
var tables = new StorageTables(new TableServiceClient(azurite.ConnectionString), storage);
var publisher = new ReportPublisher(new AnswerStore(tables, blobs, Options.Create(new AnswerOptions())), new DraftStore(tables, blobs), blobs);

Console.WriteLine($"MemWorkflow publication benchmark: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, Azurite 3.35.0, {runs} runs each");
await MeasureAsync("Mexico 2023 (IS, RIME, IC; real texts)", Mexico());
await MeasureAsync("Comprehensive 2024 (5 pillars, 142 actions, 6,000-character answers)", Comprehensive());

async Task MeasureAsync(string name, ReportModel model)
{
    var render = new List<double>();
    var publish = new List<double>();
    string markdown = "", html = "";
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        markdown = ReportMarkdown.Render(model);
        html = ReportPublisher.Html(model, markdown);
        render.Add(watch.Elapsed.TotalMilliseconds);
        watch.Restart();
        await publisher.PublishAsync($"bench{i:D2}-{Guid.NewGuid():N}"[..20], model.MemberState, model, DateTimeOffset.UtcNow, default);
        publish.Add(watch.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"{name}");
    Console.WriteLine($"  render (Markdown + Markdig HTML): median {Median(render):F1} ms (min {render.Min():F1}, max {render.Max():F1})");
    Console.WriteLine($"  publish (render + two write-once blobs): median {Median(publish):F1} ms (min {publish.Min():F1}, max {publish.Max():F1})");
    Console.WriteLine($"  size: Markdown {markdown.Length * 1.0 / 1024:F0} KiB ({System.Text.Encoding.UTF8.GetByteCount(markdown):N0} bytes), HTML {System.Text.Encoding.UTF8.GetByteCount(html):N0} bytes");
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static ReportModel Mexico()
{
    var dir = Path.Combine(AppContext.BaseDirectory, "mexico-2023");
    var answers = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "answers.json")))!.AsArray().ToDictionary(a => a!["priorityActionId"]!.GetValue<string>(), a => a!["text"]!.GetValue<string>());
    var summaries = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summaries.json")))!.AsArray().ToDictionary(a => a!["objectiveId"]!.GetValue<string>(), a => a!["summary"]!.GetValue<string>());
    return Model("R8-2023", "MEX", id => answers.GetValueOrDefault(id, ""), id => summaries.GetValueOrDefault(id, ""));
}

static ReportModel Comprehensive()
{
    var paragraph = "The National Drug Commission coordinates the policy with the ministries of health, justice and security, " +
                    "with a budget approved each year by Congress; <evidence> & [annex] references are kept as text. ";
    var answer = string.Concat(Enumerable.Repeat(paragraph, 6000 / paragraph.Length + 1))[..6000];
    return Model("R8-2024", "COL", _ => answer, _ => "CICAD notes with satisfaction that the country has a national drug authority. " + answer[..1500]);
}

static ReportModel Model(string thematicId, string ms, Func<string, string> answer, Func<string, string> summary)
{
    var thematic = PlanCatalogue.Current.FindThematicEvaluation(thematicId)!;
    return new ReportModel(thematic.TitleInReports, ms, MemberStates.NameOf(ms), thematic.Year, thematic.Year - 4, thematic.Year,
        PlanCatalogue.Current.Plan.Pillars.Where(p => thematic.PillarIds.Contains(p.Id)).Select(p => new ReportPillar(p.Title, p.Objectives.Select(o =>
            new ReportObjective(o.Number, o.Text, o.PriorityActions.Select(a => new ReportPriorityAction(a.Number, a.Text, answer(a.Id), null)).ToList(), summary(o.Id))).ToList())).ToList(),
        PlanCatalogue.Current.Plan.Title);
}
