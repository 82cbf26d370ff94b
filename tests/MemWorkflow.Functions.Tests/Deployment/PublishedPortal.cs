namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>The portal as Static Web Apps receives it (`dotnet publish portal/MemWorkflow.Portal -c Release`), made
/// once per test run for whoever asks first: the package's own test, and the Static Web Apps emulator the browser
/// tests go through. Its build folders and output go to a temporary folder, deleted when the run ends.</summary>
public static class PublishedPortal
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"mem-portal-{Guid.NewGuid():N}");

    private static readonly Lazy<Task<CommandResult>> Publish = new(() =>
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(Folder))
                Directory.Delete(Folder, recursive: true);
        };
        return Command.RunAsync(Command.Dotnet,
        [
            "publish", "portal/MemWorkflow.Portal", "-c", "Release", "-o", Path.Combine(Folder, "out"),
            $"--artifacts-path={Path.Combine(Folder, "build")}", "--disable-build-servers", "-nologo",
        ], TimeSpan.FromMinutes(8), new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
    });

    /// <summary>The published site (what Static Web Apps serves), once the publish is done.</summary>
    public static string Root => Path.Combine(Folder, "out", "wwwroot");

    public static Task<CommandResult> PublishAsync() => Publish.Value;
}
