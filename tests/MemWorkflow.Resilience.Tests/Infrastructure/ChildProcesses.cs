using System.Diagnostics;

namespace MemWorkflow.Resilience.Tests.Infrastructure;

/// <summary>Processes a suite started are ended with the test run even when a test fails or is aborted
/// before its own clean-up: no host or Azurite outlives the run.</summary>
public static class ChildProcesses
{
    public static void KillOnExit(Process process) => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    };
}
