using System.Text.Json;

namespace MemWorkflow.Functions.Shell;

/// <summary>What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger.</summary>
public sealed record InvocationRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata);

/// <summary>What the host expects back: output bindings, log lines for its log stream, and the return value.</summary>
public sealed record InvocationResponse(Dictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue);
