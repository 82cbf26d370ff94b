using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.LocalHost.Durable;

// Calls a Functions-style method: builds the class instance, fills the parameters and unwraps whatever awaitable it
// returns. Everything that can be worked out from the signature is worked out once, at registration.
sealed class MethodFunctionInvoker
{
    readonly MethodInfo method;
    readonly int triggerIndex;
    readonly ParameterInfo[] parameters;
    readonly Func<object?, Task<object?>> unwrap;

    MethodFunctionInvoker(MethodInfo method, string triggerAttribute)
    {
        if (method.ContainsGenericParameters)
        {
            throw new ArgumentException($"{Describe(method)} is generic; a function method cannot be.", nameof(method));
        }

        this.method = method;
        this.parameters = method.GetParameters();
        this.triggerIndex = Array.FindIndex(
            this.parameters,
            p => p.GetCustomAttributesData().Any(a => a.AttributeType.Name == triggerAttribute));
        if (this.triggerIndex < 0)
        {
            throw new ArgumentException($"{Describe(method)} has no parameter marked [{triggerAttribute}].", nameof(method));
        }

        (this.OutputType, this.unwrap) = ResultUnwrapper(method.ReturnType);
    }

    public Type TriggerType => this.parameters[this.triggerIndex].ParameterType;

    public Type OutputType { get; }

    public string Name => Describe(this.method);

    public static MethodFunctionInvoker ForOrchestrator(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        MethodFunctionInvoker invoker = new(method, DurableFunctionRegistry.OrchestrationTriggerAttributeName);
        if (!invoker.TriggerType.IsAssignableFrom(typeof(TaskOrchestrationContext)))
        {
            throw new ArgumentException(
                $"{invoker.Name}: the [OrchestrationTrigger] parameter must be a TaskOrchestrationContext.", nameof(method));
        }

        return invoker;
    }

    public static MethodFunctionInvoker ForActivity(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new MethodFunctionInvoker(method, DurableFunctionRegistry.ActivityTriggerAttributeName);
    }

    // Non-trigger parameters get what this host can honestly supply; a FunctionContext (or anything else) gets
    // null, which is a known gap against the real Functions host.
    public Task<object?> InvokeAsync(IServiceProvider services, object? trigger, object? extra)
    {
        object?[] args = new object?[this.parameters.Length];
        for (int i = 0; i < args.Length; i++)
        {
            Type type = this.parameters[i].ParameterType;
            args[i] = i == this.triggerIndex ? trigger ?? DefaultOf(type)
                : type == typeof(CancellationToken) ? CancellationToken.None
                : IsDurableClient(this.parameters[i]) ? services.GetRequiredService(type)
                : extra is not null && type != typeof(object) && type.IsInstanceOfType(extra) ? extra
                : DefaultOf(type);
        }

        // A fresh instance per call, resolved from the invocation's scope, like the Functions worker does.
        object? instance = this.method.IsStatic
            ? null
            : ActivatorUtilities.CreateInstance(services, this.method.DeclaringType!);
        object? result = this.method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
        return this.unwrap(result);
    }

    // Keyed on the declared return type: an `async Task` method really returns a Task<VoidTaskResult>, whose
    // Result must not leak out as the function's output.
    static (Type Output, Func<object?, Task<object?>> Unwrap) ResultUnwrapper(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return (typeof(object), _ => Task.FromResult<object?>(null));
        }

        if (returnType == typeof(Task))
        {
            return (typeof(object), async r => { await (Task)r!; return null; });
        }

        if (returnType == typeof(ValueTask))
        {
            return (typeof(object), async r => { await (ValueTask)r!; return null; });
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            PropertyInfo result = returnType.GetProperty(nameof(Task<object>.Result))!;
            return (returnType.GetGenericArguments()[0], async r =>
            {
                await (Task)r!;
                return result.GetValue(r);
            });
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            MethodInfo asTask = returnType.GetMethod(nameof(ValueTask<object>.AsTask))!;
            PropertyInfo result = typeof(Task<>).MakeGenericType(returnType.GetGenericArguments()).GetProperty("Result")!;
            return (returnType.GetGenericArguments()[0], async r =>
            {
                Task task = (Task)asTask.Invoke(r, null)!;
                await task;
                return result.GetValue(task);
            });
        }

        return (returnType, r => Task.FromResult(r));
    }

    // [DurableClient] binds the same client the HTTP functions get, as the Functions host binds it for any trigger.
    static bool IsDurableClient(ParameterInfo parameter)
        => parameter.GetCustomAttributesData().Any(a => a.AttributeType.Name == "DurableClientAttribute");

    static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    static string Describe(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";
}
