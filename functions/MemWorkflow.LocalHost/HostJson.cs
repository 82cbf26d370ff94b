using System.Globalization;
using System.Text.Json;
using DurableTask.Core.Settings;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.LocalHost;

/// <summary>What host.json gives the Functions host that the local host must do alike, read from host.json itself so
/// the local host cannot drift from what Azure runs: the Durable extension's versioning and queue polling
/// (extensions.durableTask), and the queue trigger's settings (extensions.queues). What host.json leaves out takes
/// the Functions host's defaults. The build copies the repository's host.json next to the app.</summary>
public sealed record HostJson(HostJson.DurableSettings Durable, HostJson.QueueSettings Queues)
{
    /// <summary>defaultVersion, versionMatchStrategy and versionFailureStrategy; storageProvider.maxQueuePollingInterval,
    /// the longest an idle worker waits between looks at its queues (so the longest a new event can wait).</summary>
    public sealed record DurableSettings(
        string DefaultVersion,
        VersioningSettings.VersionMatchStrategy MatchStrategy,
        VersioningSettings.VersionFailureStrategy FailureStrategy,
        TimeSpan MaxQueuePollingInterval);

    public sealed record QueueSettings(TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount);

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "host.json");

    public static HostJson Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"host.json was not found at {path}: the local host takes its Durable and queue settings from it.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var extensions = Find(document.RootElement, "extensions");
        var durable = Find(extensions, "durableTask");
        var queues = Find(extensions, "queues");
        return new HostJson(
            new DurableSettings(
                Find(durable, "defaultVersion") is { ValueKind: JsonValueKind.String } version ? version.GetString()! : string.Empty,
                Strategy(durable, "versionMatchStrategy", VersioningSettings.VersionMatchStrategy.None),
                Strategy(durable, "versionFailureStrategy", VersioningSettings.VersionFailureStrategy.Reject),
                Time(Find(durable, "storageProvider"), "maxQueuePollingInterval", TimeSpan.FromSeconds(30))),
            new QueueSettings(
                Time(queues, "maxPollingInterval", TimeSpan.FromMinutes(1)),
                Time(queues, "visibilityTimeout", TimeSpan.Zero),
                Find(queues, "maxDequeueCount") is { ValueKind: JsonValueKind.Number } dequeues ? dequeues.GetInt32() : 5));
    }

    private static T Strategy<T>(JsonElement? section, string key, T fallback) where T : struct, Enum
    {
        if (Find(section, key) is not { ValueKind: JsonValueKind.String } value)
            return fallback;
        return Enum.TryParse<T>(value.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"host.json's durableTask.{key} '{value.GetString()}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
    }

    private static TimeSpan Time(JsonElement? section, string key, TimeSpan fallback) =>
        Find(section, key) is { ValueKind: JsonValueKind.String } value ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture) : fallback;

    // The Functions host reads host.json case-insensitively.
    private static JsonElement? Find(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } found)
            return null;
        foreach (var property in found.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        return null;
    }
}
