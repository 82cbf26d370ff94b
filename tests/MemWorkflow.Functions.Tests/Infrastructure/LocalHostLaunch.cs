using System.Diagnostics;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>The local host as its own OS process, shared by the crash-recovery tests and the fault and load suites.</summary>
public static class LocalHostLaunch
{
    /// <summary>The launched host's Durable partitions. A client of its task hub built outside it must use the
    /// same count: DurableTask.AzureStorage picks an instance's control queue by hashing its id modulo the
    /// count, and a message sent to another queue than the host's (a termination) can wedge the partition.</summary>
    public const int PartitionCount = 1;

    /// <summary>Starts <c>dotnet MemWorkflow.LocalHost.dll</c> from the test's build output on <paramref name="port"/>
    /// with the test defaults (manual clock, no emulator of its own, one Durable partition, quiet logs),
    /// overridden by <paramref name="settings"/>; every line it prints goes to <paramref name="onLine"/>.</summary>
    public static Process Start(int port, IReadOnlyDictionary<string, string> settings, Action<string?> onLine)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MemWorkflow.LocalHost.dll"));
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Mem__Storage__StartEmulator"] = "false",
            ["Mem__Clock"] = "manual",
            ["Mem__PortalBaseUrl"] = "https://mem.test.oas.org/",
            ["Mem__Durable__PartitionCount"] = PartitionCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        process.OutputDataReceived += (_, e) => onLine(e.Data);
        process.ErrorDataReceived += (_, e) => onLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
