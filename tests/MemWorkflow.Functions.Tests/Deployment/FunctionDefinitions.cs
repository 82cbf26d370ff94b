using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MemWorkflow.Functions.Shell;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace MemWorkflow.Functions.Tests.Deployment;

public sealed record FunctionDefinition(string Name, JsonNode Json)
{
    public JsonNode Trigger => Json["bindings"]!.AsArray().Single(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;

    public bool IsHttp => Trigger["type"]!.GetValue<string>() == "httpTrigger";

    public override string ToString() => $"FunctionDefinitions/{Name}/function.json:\n{Json.ToJsonString(new() { WriteIndented = true })}";
}

/// <summary>The function.json files as committed, and as the app's endpoints say they must be: one HTTP
/// function per route template (all its methods, anonymous because the app checks tokens itself), named
/// after the route; one non-HTTP function per trigger endpoint (<c>POST /{Name}</c>).</summary>
public static partial class FunctionDefinitions
{
    public static string Folder => Repository.Path("functions", "MemWorkflow.Functions", "FunctionDefinitions");

    public static IReadOnlyList<FunctionDefinition> Committed() =>
        Directory.GetDirectories(Folder).Order(StringComparer.Ordinal)
            .Select(dir => new FunctionDefinition(Path.GetFileName(dir), JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "function.json")))!))
            .ToList();

    public static IReadOnlyList<FunctionDefinition> ExpectedHttp(EndpointDataSource endpoints) =>
        Routes(endpoints).Where(e => !IsTrigger(e))
            .GroupBy(Route)
            .Select(g => Http(g.Key, g.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<(string Name, IReadOnlyList<string> Methods)> TriggerEndpoints(EndpointDataSource endpoints) =>
        Routes(endpoints).Where(IsTrigger)
            .Select(e => (Route(e), (IReadOnlyList<string>)e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.ToList()))
            .ToList();

    /// <summary>"api/rounds/{roundId}/cancellation" -> "rounds-roundId-cancellation": letters, digits and
    /// hyphens, as Azure allows in function names.</summary>
    public static string NameOf(string route) =>
        NotAlphanumeric().Replace(route.StartsWith("api/", StringComparison.Ordinal) ? route[4..] : route, "-").Trim('-');

    private static IEnumerable<RouteEndpoint> Routes(EndpointDataSource endpoints) => endpoints.Endpoints.OfType<RouteEndpoint>();

    private static bool IsTrigger(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Contains(Triggers.Tag) == true;

    private static string Route(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText!.Trim('/');

    private static FunctionDefinition Http(string route, IEnumerable<string> methods) => new(NameOf(route), new JsonObject
    {
        ["bindings"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "httpTrigger",
                ["direction"] = "in",
                ["name"] = "req",
                ["authLevel"] = "anonymous",
                ["methods"] = new JsonArray([.. methods.Select(m => m.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).Select(m => (JsonNode?)m)]),
                ["route"] = route,
            },
            new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
    });

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotAlphanumeric();
}
