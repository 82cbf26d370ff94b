using System.Reflection;
using System.Text.Json.Nodes;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>infra/ through the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64): built once per
/// test run into the ARM template that Azure would deploy, so tests can read what it really says.</summary>
public static class BicepTemplate
{
    private static readonly Lazy<Task<(CommandResult Build, JsonNode? Template)>> Built = new(BuildAsync);

    public static string Main => Repository.Path("infra", "main.bicep");

    public static string Cli { get; } = FindCli();

    public static Task<(CommandResult Build, JsonNode? Template)> BuildOnceAsync() => Built.Value;

    public static Task<CommandResult> RunAsync(params string[] arguments) => Command.RunAsync(Cli, arguments, TimeSpan.FromMinutes(2));

    /// <summary>Every resource in the template, module contents included.</summary>
    public static IEnumerable<JsonObject> Resources(JsonNode node) => node switch
    {
        JsonObject o when o["type"] is JsonValue type && type.GetValue<string>().Contains('/') && o["apiVersion"] is not null =>
            [o, .. o.SelectMany(p => p.Value is null ? [] : Resources(p.Value))],
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Resources(p.Value)),
        JsonArray a => a.SelectMany(n => n is null ? [] : Resources(n)),
        _ => [],
    };

    public static IEnumerable<JsonObject> Resources(JsonNode template, string type) =>
        Resources(template).Where(r => r["type"]!.GetValue<string>() == type);

    private static async Task<(CommandResult, JsonNode?)> BuildAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"mem-infra-{Guid.NewGuid():N}.json");
        try
        {
            var build = await RunAsync("build", Main, "--outfile", output);
            return (build, File.Exists(output) ? JsonNode.Parse(await File.ReadAllTextAsync(output)) : null);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string FindCli()
    {
        var configured = typeof(BicepTemplate).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value;
        var path = Path.GetFullPath(configured!.Replace('\\', '/'));
        // NuGet may unpack the binary without its execute bit.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        return path;
    }
}
