using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.LocalHost.Durable;

// Input stays as a JsonElement (InputType object); the Functions-style context converts it when the method asks
// for context.GetInput<T>(), since only the method body knows T.
sealed class MethodOrchestrator(FunctionInvoker invoker, IServiceProvider services) : ITaskOrchestrator
{
    public Type InputType => typeof(object);

    public Type OutputType => invoker.OutputType;

    public async Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        DataConverter converter = services.GetService<DataConverter>() ?? new LocalDurableOptions().CreateDataConverter();
        FunctionsStyleOrchestrationContext functionsContext = new(context, input, converter);
        return await invoker.InvokeAsync(new FunctionCall(services, functionsContext, CancellationToken.None));
    }
}

// The shim deserializes the raw input straight into the [ActivityTrigger] parameter's type.
sealed class MethodActivity(FunctionInvoker invoker, IServiceProvider services) : ITaskActivity
{
    public Type InputType => invoker.Trigger.ParameterType;

    public Type OutputType => invoker.OutputType;

    public Task<object?> RunAsync(TaskActivityContext context, object? input)
        => invoker.InvokeAsync(new FunctionCall(services, input, CancellationToken.None) { Bindings = [context] });
}
