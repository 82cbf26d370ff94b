using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemWorkflow.Functions.Shell;

/// <summary>How events, states and outbox payloads are written to storage. Changing a name here is a
/// data migration: stored rounds last a year.</summary>
public static class StoredJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");
}
