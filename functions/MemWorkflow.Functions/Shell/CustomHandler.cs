using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemWorkflow.Functions.Shell;

/// <summary>What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger.</summary>
public sealed record InvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata);

/// <summary>What the host expects back: output bindings, log lines for its log stream, and the
/// return value. The host reads these names exactly as written here.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

/// <summary>The app's side of the non-HTTP functions: the host POSTs their payload to <c>/{FunctionName}</c>.
/// Endpoints carrying <see cref="Tag"/> are paired with function.json files by a test.</summary>
public static class Triggers
{
    public const string Tag = "Triggers";

    /// <summary>A binding's value as the trigger meant it. The host sends some values as a JSON string
    /// that holds the JSON (a queue message or timer info serialized once more, sometimes twice), so
    /// strings that are themselves JSON documents are unwrapped; plain text stays as it is.</summary>
    public static JsonElement Unwrap(JsonElement value)
    {
        for (var depth = 0; depth < 3 && value.ValueKind == JsonValueKind.String; depth++)
        {
            var text = value.GetString()!.Trim();
            if (text.Length == 0 || text[0] is not ('{' or '[' or '"'))
                break;
            try
            {
                using var document = JsonDocument.Parse(text);
                value = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                break;
            }
        }
        return value;
    }
}
