using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MemWorkflow.Functions.Tests.Replay;

/// <summary>One recorded generation of an orchestration: its DurableTask.Core history events up to the end of
/// an episode, as the dispatcher commits them. <see cref="Shape"/> names what the generation was doing.</summary>
public sealed record RecordedHistory(string Orchestrator, string Version, string Shape, string Description, IReadOnlyList<HistoryEvent> Events);

/// <summary>Histories are kept as JSON in the form DurableTask.Core serializes history with (Json.NET with
/// type names), so every event reads back as its concrete type.</summary>
public static class HistoryFile
{
    private static readonly JsonSerializerSettings EventSettings = new()
    {
        TypeNameHandling = TypeNameHandling.Objects,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        DateParseHandling = DateParseHandling.None,
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
    };

    /// <summary>Where the build copies the checked-in histories.</summary>
    public static string OutputFolder => Path.Combine(AppContext.BaseDirectory, "Replay", "Histories");

    /// <summary>Where they are checked in (for re-recording): this project's Replay/Histories.</summary>
    public static string SourceFolder => Path.Combine(RepositoryRoot, "tests", "MemWorkflow.Functions.Tests", "Replay", "Histories");

    /// <summary>The source tree the tests were built from: the folder of MemWorkflow.sln above the test output.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MemWorkflow.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("MemWorkflow.sln not found above the test output.");
        }
    }

    public static IReadOnlyList<(string Path, RecordedHistory History)> ReadAll(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(path => (path, Read(File.ReadAllText(path)))).ToList()
            : [];

    public static RecordedHistory Read(string json)
    {
        var root = JObject.Parse(json, new JsonLoadSettings());
        var events = JsonConvert.DeserializeObject<List<HistoryEvent>>(root["events"]!.ToString(Formatting.None), EventSettings)!;
        return new RecordedHistory(
            root.Value<string>("orchestrator")!, root.Value<string>("version")!, root.Value<string>("shape")!, root.Value<string>("description")!, events);
    }

    public static string Write(RecordedHistory history)
    {
        var root = new JObject
        {
            ["orchestrator"] = history.Orchestrator,
            ["version"] = history.Version,
            ["shape"] = history.Shape,
            ["description"] = history.Description,
            ["events"] = JArray.Parse(JsonConvert.SerializeObject(history.Events, EventSettings)),
        };
        return root.ToString(Formatting.Indented) + "\n";
    }

    /// <summary>A deep copy, so a recorded history never shares event objects with the engine.</summary>
    public static List<HistoryEvent> Copy(IEnumerable<HistoryEvent> events) =>
        JsonConvert.DeserializeObject<List<HistoryEvent>>(JsonConvert.SerializeObject(events.ToList(), EventSettings), EventSettings)!;
}
