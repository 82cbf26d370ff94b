using Microsoft.DurableTask;

namespace MemWorkflow.LocalHost.Durable.Tests;

public sealed class VersionFunctions
{
    // Answers "<its version>/<the version its sub-orchestration got>".
    [Function("VersionProbe")]
    public static async Task<string> Probe([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        string child = await context.CallSubOrchestratorAsync<string>(
            "VersionChild", options: new SubOrchestrationOptions(instanceId: $"{context.InstanceId}.child"));
        return $"{context.Version}/{child}";
    }

    [Function("VersionChild")]
    public static Task<string> Child([OrchestrationTrigger] TaskOrchestrationContext context) => Task.FromResult(context.Version);
}
