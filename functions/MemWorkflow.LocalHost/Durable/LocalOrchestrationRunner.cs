using DurableTask.Core;
using DurableTask.Core.Entities;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.LocalHost.Durable;

// Builds a registered orchestrator through the shims and runs DurableTask.Core's executor over an episode's history.
// The worker's dispatcher middleware runs every episode through it, and the replay tests run recorded histories through
// the very same path, so what they replay is what the worker would.
sealed class LocalOrchestrationRunner(
    DurableFunctionRegistry registry, IServiceProvider services, DurableTaskShimFactory shims, BehaviorOnContinueAsNew onContinueAsNew)
{
    // The Azure Storage backend carries events that arrive after ContinueAsNew over to the next generation.
    public static LocalOrchestrationRunner FromServices(IServiceProvider services, BehaviorOnContinueAsNew onContinueAsNew = BehaviorOnContinueAsNew.Carryover)
        => new(
            services.GetRequiredService<DurableFunctionRegistry>(),
            services,
            LocalDurableWorker.CreateShimFactory(
                services.GetRequiredService<LocalDurableOptions>(),
                services.GetRequiredService<DataConverter>(),
                services.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()),
            onContinueAsNew);

    public bool CanRun(string name) => registry.TryGetOrchestrator(name, out _);

    public async Task<OrchestratorExecutionResult> ExecuteAsync(OrchestrationRuntimeState state, TaskOrchestrationEntityParameters? entities)
    {
        if (!registry.TryGetOrchestrator(state.Name, out Func<IServiceProvider, ITaskOrchestrator>? factory))
        {
            throw new InvalidOperationException($"No orchestrator named '{state.Name}' is registered with the local Durable host.");
        }

        ParentOrchestrationInstance? parent = state.ParentInstance is { } p
            ? new ParentOrchestrationInstance(new TaskName(p.Name), p.OrchestrationInstance.InstanceId)
            : null;

        // The executor replays the whole history synchronously, so the scope can end as soon as Execute returns.
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        TaskOrchestration orchestration = shims.CreateOrchestration(new TaskName(state.Name), factory(scope.ServiceProvider), parent);
        TaskOrchestrationExecutor executor = new(state, orchestration, onContinueAsNew, entities, ErrorPropagationMode.UseFailureDetails);
        return executor.Execute();
    }
}
