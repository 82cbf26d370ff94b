using DurableTask.Core;
using DurableTask.Core.Entities;
using DurableTask.Core.Middleware;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.LocalHost.Durable;

// Orchestrations are not handed out here: the dispatcher middleware below builds and runs them itself, because
// only there are the parent instance and a scope that spans exactly one episode available.
sealed class OrchestrationsFromMiddleware : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator)
        => throw new NotSupportedException("Register orchestrators on DurableFunctionRegistry.");

    public TaskOrchestration? GetObject(string name, string? version) => null;
}

// Told of every episode the local host runs: the history it replayed (past and new events) and the actions the code
// answered. The replay tests record the orchestrators' histories through it; nothing in the app uses it.
public interface IOrchestrationEpisodeObserver
{
    void Executed(OrchestrationRuntimeState state, OrchestratorExecutionResult result);
}

sealed class EpisodeMiddleware(LocalOrchestrationRunner runner, IServiceProvider services)
{
    public async Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        OrchestrationRuntimeState state = context.GetProperty<OrchestrationRuntimeState>();
        if (!runner.CanRun(state.Name))
        {
            // Left to DurableTask.Core, an unknown name is retried forever with the instance stuck in Pending;
            // failing it says what is wrong at once, much as the Functions host does for a missing function.
            string message = $"No orchestrator named '{state.Name}' is registered with the local Durable host.";
            context.SetProperty(OrchestratorExecutionResult.ForFailure(message, new InvalidOperationException(message)));
            await next();
            return;
        }

        OrchestratorExecutionResult result = await runner.ExecuteAsync(state, context.GetProperty<TaskOrchestrationEntityParameters>());
        context.SetProperty(result);
        foreach (IOrchestrationEpisodeObserver observer in services.GetServices<IOrchestrationEpisodeObserver>())
        {
            observer.Executed(state, result);
        }

        await next();
    }
}
