using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace MemWorkflow.LocalHost.Durable;

// Activities are built per execution inside their own DI scope, which ends when the activity's task does.
sealed class RegisteredActivities(
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

