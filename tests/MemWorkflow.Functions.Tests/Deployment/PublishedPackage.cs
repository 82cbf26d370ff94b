namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>The deployment package, made once for the package tests by the README's publish command.
/// Its build folders and the zip go to a temporary folder, so the working tree is left as it was.</summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"mem-package-{Guid.NewGuid():N}");

    public string Zip => Path.Combine(Folder, "memworkflow.zip");

    public CommandResult Publish { get; private set; } = new(-1, "", "not run");

    public TimeSpan Took { get; private set; }

    public async Task InitializeAsync()
    {
        var started = DateTime.UtcNow;
        Publish = await Command.RunAsync(Command.Dotnet,
        [
            "publish", "functions/MemWorkflow.Functions", "-c", "Release", "-p:MemPackage=true",
            $"--artifacts-path={Path.Combine(Folder, "build")}", $"-p:MemPackageDir={Folder}/",
            // A build server outliving the command would keep its output pipes open.
            "--disable-build-servers", "-nologo",
        ], TimeSpan.FromMinutes(8), new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" });
        Took = DateTime.UtcNow - started;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
