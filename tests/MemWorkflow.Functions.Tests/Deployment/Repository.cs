namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>The repository's own files (host.json, function definitions, infra/), found upwards from the
/// test binaries, so the deployment tests check what is committed, not a copy.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MemWorkflow.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No MemWorkflow.sln above {AppContext.BaseDirectory}.");
    }
}
