using System.Text.Json;
using DurableTask.Core.Settings;

namespace MemWorkflow.LocalHost;

/// <summary>The Durable versioning that host.json gives the Functions host (extensions.durableTask's
/// defaultVersion, versionMatchStrategy, versionFailureStrategy), read from host.json itself so the local host
/// cannot drift from what Azure runs. The build copies the repository's host.json next to the app.</summary>
public sealed record HostJsonVersioning(
    string DefaultVersion,
    VersioningSettings.VersionMatchStrategy MatchStrategy,
    VersioningSettings.VersionFailureStrategy FailureStrategy)
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "host.json");

    public static HostJsonVersioning Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"host.json was not found at {path}: the local host takes its Durable versioning from it.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var durable = Find(document.RootElement, "extensions") is { } extensions ? Find(extensions, "durableTask") : null;

        // The Functions host's defaults when host.json names none: no version, None, Reject.
        return new HostJsonVersioning(
            durable is { } d && Find(d, "defaultVersion") is { ValueKind: JsonValueKind.String } version ? version.GetString()! : string.Empty,
            Parse(durable, "versionMatchStrategy", VersioningSettings.VersionMatchStrategy.None),
            Parse(durable, "versionFailureStrategy", VersioningSettings.VersionFailureStrategy.Reject));
    }

    private static T Parse<T>(JsonElement? section, string key, T fallback) where T : struct, Enum
    {
        if (section is not { } s || Find(s, key) is not { ValueKind: JsonValueKind.String } value)
            return fallback;
        return Enum.TryParse<T>(value.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"host.json's durableTask.{key} '{value.GetString()}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
    }

    // The Functions host reads host.json case-insensitively.
    private static JsonElement? Find(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var property in element.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value;
        return null;
    }
}
