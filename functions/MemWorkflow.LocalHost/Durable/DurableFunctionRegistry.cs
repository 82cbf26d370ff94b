using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.DurableTask;

namespace MemWorkflow.LocalHost.Durable;

// The factories receive the per-invocation scoped provider, so whatever they build lives for one orchestration
// episode or one activity execution, as a Functions invocation would.
public sealed class DurableFunctionRegistry
{
    internal const string OrchestrationTriggerAttributeName = "OrchestrationTriggerAttribute";
    internal const string ActivityTriggerAttributeName = "ActivityTriggerAttribute";

    readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> activities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> OrchestratorNames => this.orchestrators.Keys;

    public IReadOnlyCollection<string> ActivityNames => this.activities.Keys;

    public DurableFunctionRegistry AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!this.orchestrators.TryAdd(name, factory))
        {
            throw new InvalidOperationException($"An orchestrator named '{name}' is already registered.");
        }

        return this;
    }

    // For tests that run another release's orchestrator under the name today's code registered (an upgrade test).
    public DurableFunctionRegistry ReplaceOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!this.orchestrators.ContainsKey(name))
        {
            throw new InvalidOperationException($"No orchestrator named '{name}' is registered to be replaced.");
        }

        this.orchestrators[name] = factory;
        return this;
    }

    public DurableFunctionRegistry ReplaceOrchestratorMethod(string name, MethodInfo method)
    {
        FunctionInvoker invoker = Orchestrator(method);
        return this.ReplaceOrchestrator(name, services => new MethodOrchestrator(invoker, services));
    }

    public DurableFunctionRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!this.activities.TryAdd(name, factory))
        {
            throw new InvalidOperationException($"An activity named '{name}' is already registered.");
        }

        return this;
    }

    public DurableFunctionRegistry AddOrchestratorMethod(string name, MethodInfo method)
    {
        FunctionInvoker invoker = Orchestrator(method);
        return this.AddOrchestrator(name, services => new MethodOrchestrator(invoker, services));
    }

    public DurableFunctionRegistry AddActivityMethod(string name, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        FunctionInvoker invoker = new(method, ActivityTriggerAttributeName);
        return this.AddActivity(name, services => new MethodActivity(invoker, services));
    }

    // Registers every method of the type that has an [OrchestrationTrigger] or [ActivityTrigger] parameter, under
    // its [Function("...")] name. Attributes are matched by type name so the Functions packages are not needed.
    public DurableFunctionRegistry AddFunctionsFrom(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (MethodInfo method in type.GetMethods(flags))
        {
            if (method.GetParameters().Any(p => FunctionInvoker.Marked(p, OrchestrationTriggerAttributeName)))
            {
                FunctionInvoker invoker = Orchestrator(method);
                this.AddOrchestrator(invoker.Name, services => new MethodOrchestrator(invoker, services));
            }
            else if (method.GetParameters().Any(p => FunctionInvoker.Marked(p, ActivityTriggerAttributeName)))
            {
                FunctionInvoker invoker = new(method, ActivityTriggerAttributeName);
                this.AddActivity(invoker.Name, services => new MethodActivity(invoker, services));
            }
        }

        return this;
    }

    public DurableFunctionRegistry AddFunctionsFrom<T>() => this.AddFunctionsFrom(typeof(T));

    public bool TryGetOrchestrator(string name, [MaybeNullWhen(false)] out Func<IServiceProvider, ITaskOrchestrator> factory)
        => this.orchestrators.TryGetValue(name, out factory);

    public bool TryGetActivity(string name, [MaybeNullWhen(false)] out Func<IServiceProvider, ITaskActivity> factory)
        => this.activities.TryGetValue(name, out factory);

    // The orchestrator's trigger parameter is handed the Functions-style context, so it must take one.
    static FunctionInvoker Orchestrator(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        FunctionInvoker invoker = new(method, OrchestrationTriggerAttributeName);
        if (!invoker.Trigger.ParameterType.IsAssignableFrom(typeof(TaskOrchestrationContext)))
        {
            throw new ArgumentException(
                $"{invoker.Describe()}: the [OrchestrationTrigger] parameter must be a TaskOrchestrationContext.", nameof(method));
        }

        return invoker;
    }
}
