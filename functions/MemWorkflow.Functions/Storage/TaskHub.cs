using MemWorkflow.Functions.Http;

namespace MemWorkflow.Functions.Storage;

/// <summary>The Durable task hub's name, <c>MemTaskHub</c>: host.json reads it (<c>%MemTaskHub%</c>), and every
/// queue of the app is named after it, beside the hub's own, so deployments and tests sharing an account never
/// read each other's messages.</summary>
public static class TaskHub
{
    public const string Setting = "MemTaskHub";

    /// <summary>A binding expression's <c>%Setting%</c> parts replaced by the settings' values, as the Functions host
    /// resolves them; lower case, as queue names must be.</summary>
    public static string Resolve(string expression, IConfiguration configuration) =>
        System.Text.RegularExpressions.Regex.Replace(expression, "%([^%]+)%",
            m => configuration[m.Groups[1].Value] ?? throw new InvalidOperationException($"The setting {m.Groups[1].Value} is not set.")).ToLowerInvariant();
}
