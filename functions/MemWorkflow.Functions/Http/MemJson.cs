using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemWorkflow.Functions.Http;

/// <summary>The app's JSON: camelCase enums written as names (numbers refused), nulls left out. Used by
/// the handlers' binding and results in both hosts and by the OpenAPI document.</summary>
public static class MemJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
