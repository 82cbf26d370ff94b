using System.Reflection;

namespace MemWorkflow.LocalHost;

/// <summary>What one invocation brings to a function: the value of its trigger parameter, the token it is handed,
/// the services of the invocation's scope, and whatever else the trigger binds (by parameter type, or for HTTP a
/// string by its route or query name).</summary>
internal sealed record FunctionCall(IServiceProvider Services, object? Trigger, CancellationToken Cancellation)
{
    public IReadOnlyList<object> Bindings { get; init; } = [];

    public Func<string, string?>? Named { get; init; }
}

/// <summary>Calls one [Function] method the way the Functions worker does, for every trigger this host serves (HTTP,
/// queue, timer, orchestration, activity): a fresh instance from the invocation's services, each parameter bound, and
/// whatever awaitable the method returns awaited and unwrapped. What the signature tells is worked out once.</summary>
internal sealed class FunctionInvoker
{
    // The Functions attributes are matched by type name: the Durable adapter's own tests use look-alikes of them,
    // so the adapter does not need the Functions packages.
    private const string FunctionAttribute = "FunctionAttribute";
    private const string DurableClientAttribute = "DurableClientAttribute";

    private readonly MethodInfo method;
    private readonly ParameterInfo[] parameters;
    private readonly int trigger;
    private readonly Func<object?, Task<object?>> unwrap;

    public FunctionInvoker(MethodInfo method, string triggerAttribute)
    {
        if (method.ContainsGenericParameters)
            throw new ArgumentException($"{Describe(method)} is generic; a function method cannot be.", nameof(method));
        this.method = method;
        parameters = method.GetParameters();
        trigger = Array.FindIndex(parameters, p => Marked(p, triggerAttribute));
        if (trigger < 0)
            throw new ArgumentException($"{Describe(method)} has no parameter marked [{triggerAttribute}].", nameof(method));
        Name = FunctionName(method);
        (OutputType, unwrap) = ResultUnwrapper(method.ReturnType);
    }

    /// <summary>The [Function] name, or the method's name when it has none.</summary>
    public string Name { get; }

    public string Describe() => Describe(method);

    public ParameterInfo Trigger => parameters[trigger];

    public Type OutputType { get; }

    /// <summary>The [Function] methods of an assembly with a parameter marked with the trigger attribute: what the
    /// Functions host indexes.</summary>
    public static IReadOnlyList<FunctionInvoker> Declared(Assembly assembly, string triggerAttribute) =>
        (from type in assembly.GetTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
         where method.GetCustomAttributesData().Any(a => a.AttributeType.Name == FunctionAttribute)
            && method.GetParameters().Any(p => Marked(p, triggerAttribute))
         select new FunctionInvoker(method, triggerAttribute)).ToList();

    public static bool Marked(ParameterInfo parameter, string attribute) =>
        parameter.GetCustomAttributesData().Any(a => a.AttributeType.Name == attribute);

    // Synchronous up to the method's own first await, so a method that throws at once throws to the caller at once.
    public Task<object?> InvokeAsync(FunctionCall call)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(call.Services, method.DeclaringType!);
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = i == trigger ? call.Trigger ?? DefaultOf(parameters[i].ParameterType) : Bind(parameters[i], call);
        return unwrap(method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null));
    }

    // [DurableClient] gets the client the app registered, as the Functions host binds it for any trigger. A
    // FunctionContext is the one binding this host cannot honestly supply: it gets null, a known gap.
    private static object? Bind(ParameterInfo parameter, FunctionCall call)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
            return call.Cancellation;
        if (Marked(parameter, DurableClientAttribute))
            return call.Services.GetRequiredService(type);
        if (call.Bindings.FirstOrDefault(type.IsInstanceOfType) is { } bound && type != typeof(object))
            return bound;
        if (type == typeof(string) && call.Named is { } named)
            return named(parameter.Name!);
        if (call.Services.GetService(type) is { } service)
            return service;
        return type.Name == "FunctionContext" ? null : throw new InvalidOperationException(
            $"The local host cannot bind {parameter.Name} ({type.Name}) of {Describe((MethodInfo)parameter.Member)}.");
    }

    private static string FunctionName(MethodInfo method)
    {
        var function = method.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == FunctionAttribute);
        if (function?.ConstructorArguments is [{ Value: string fromConstructor }, ..] && fromConstructor.Length > 0)
            return fromConstructor;
        return function?.NamedArguments.FirstOrDefault(a => a.MemberName == "Name").TypedValue.Value as string ?? method.Name;
    }

    // Keyed on the declared return type: an `async Task` method really returns a Task<VoidTaskResult>, whose Result
    // must not leak out as the function's output.
    private static (Type Output, Func<object?, Task<object?>> Unwrap) ResultUnwrapper(Type returnType)
    {
        if (returnType == typeof(void))
            return (typeof(object), _ => Task.FromResult<object?>(null));
        if (returnType == typeof(Task))
            return (typeof(object), async r => { await (Task)r!; return null; });
        if (returnType == typeof(ValueTask))
            return (typeof(object), async r => { await (ValueTask)r!; return null; });
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var result = returnType.GetProperty(nameof(Task<object>.Result))!;
            return (returnType.GetGenericArguments()[0], async r => { await (Task)r!; return result.GetValue(r); });
        }
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = returnType.GetMethod(nameof(ValueTask<object>.AsTask))!;
            var result = typeof(Task<>).MakeGenericType(returnType.GetGenericArguments()).GetProperty(nameof(Task<object>.Result))!;
            return (returnType.GetGenericArguments()[0], async r =>
            {
                var task = (Task)asTask.Invoke(r, null)!;
                await task;
                return result.GetValue(task);
            });
        }
        return (returnType, r => Task.FromResult(r));
    }

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static string Describe(MethodInfo method) => $"{method.DeclaringType?.FullName}.{method.Name}";
}
