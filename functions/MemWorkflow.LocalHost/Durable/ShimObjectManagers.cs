using DurableTask.Core;
using DurableTask.Core.Entities;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace MemWorkflow.LocalHost.Durable;

// Activities are built per execution inside their own DI scope, which ends when the activity's task does.
sealed class ShimActivityManager(
    DurableFunctionRegistry registry, IServiceProvider services, DurableTaskShimFactory shims)
    : INameVersionObjectManager<CoreTaskActivity>
{
    public void Add(ObjectCreator<CoreTaskActivity> creator)
        => throw new NotSupportedException("Register activities on DurableFunctionRegistry.");

    // Null would make DurableTask.Core abandon and retry the message forever; failing the call instead lets the
    // orchestrator see a TaskFailedException naming the missing activity.
    public CoreTaskActivity GetObject(string name, string? version)
        => registry.TryGetActivity(name, out Func<IServiceProvider, ITaskActivity>? factory)
            ? new ScopedActivity(new TaskName(name), factory, services, shims)
            : new MissingActivity(name);

    sealed class MissingActivity(string name) : CoreTaskActivity
    {
        public override string Run(TaskContext context, string input) => throw this.Missing();

        public override Task<string> RunAsync(TaskContext context, string input) => throw this.Missing();

        InvalidOperationException Missing() => new($"No activity named '{name}' is registered with the local Durable host.");
    }

    sealed class ScopedActivity(
        TaskName name, Func<IServiceProvider, ITaskActivity> factory, IServiceProvider services, DurableTaskShimFactory shims)
        : CoreTaskActivity
    {
        public override string Run(TaskContext context, string input)
            => throw new NotSupportedException("DurableTask.Core only calls RunAsync on activities.");

        public override async Task<string?> RunAsync(TaskContext context, string? input)
        {
            await using AsyncServiceScope scope = services.CreateAsyncScope();
            CoreTaskActivity shim = shims.CreateActivity(name, factory(scope.ServiceProvider));
            return await shim.RunAsync(context, input);
        }
    }
}

// Orchestrations are not handed out here: the dispatcher middleware below builds and runs them itself, because
// only there are the parent instance and a scope that spans exactly one episode available.
sealed class ShimOrchestrationManager : INameVersionObjectManager<TaskOrchestration>
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

sealed class ShimOrchestrationMiddleware(LocalOrchestrationRunner runner, IServiceProvider services)
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
