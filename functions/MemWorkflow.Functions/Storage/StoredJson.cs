using System.Text.Json;
using System.Text.Json.Serialization;
using MemWorkflow.Functions.Http;

namespace MemWorkflow.Functions.Storage;

/// <summary>How events, states and outbox payloads are written to storage. Changing a name here is a
/// data migration: stored rounds last a year.</summary>
public static class StoredJson
{
    /// <summary>Text is stored as written, not as <c>\uXXXX</c> escapes: a Spanish, Portuguese or emoji
    /// comment would otherwise take up to six times its size in a row (reading accepts both forms). Stored
    /// JSON is never embedded in HTML, so the relaxed encoder's HTML-safety is not needed.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");
}
