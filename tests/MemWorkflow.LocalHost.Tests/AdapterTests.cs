using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.LocalHost.Durable.Tests;

// The method adapter on its own: no storage, no worker.
public sealed class AdapterTests
{
    static readonly IServiceProvider Services = new ServiceCollection().AddScoped<ScopeMarker>().BuildServiceProvider();

    [Fact]
    public void Scanning_registers_trigger_methods_under_their_function_names()
    {
        DurableFunctionRegistry registry = new DurableFunctionRegistry().AddFunctionsFrom<ReturnShapes>().AddFunctionsFrom<GreetingFunctions>();

        Assert.Equal(["CallMissing", "Faulty", "Greeter", "ScopeProbe"], registry.OrchestratorNames.Order());
        Assert.Equal(
            ["ClockNow", "Explode", "MakeGreeting", "Returns", "SyncValue", "ValueTaskOfT", "VoidAct", "WhichScope"],
            registry.ActivityNames.Order());
    }

    [Theory]
    [InlineData("VoidAct", null)]
    [InlineData("Returns", null)]
    [InlineData("SyncValue", 42)]
    [InlineData("ValueTaskOfT", "vt:7")]
    public async Task Every_return_shape_is_unwrapped(string name, object? expected)
    {
        DurableFunctionRegistry registry = new DurableFunctionRegistry().AddFunctionsFrom<ReturnShapes>();
        Assert.True(registry.TryGetActivity(name, out Func<IServiceProvider, ITaskActivity>? factory));

        ITaskActivity activity = factory(Services);
        object? result = await activity.RunAsync(new StubActivityContext(name), 7);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Input_and_output_types_come_from_the_signature()
    {
        DurableFunctionRegistry registry = new DurableFunctionRegistry().AddFunctionsFrom<GreetingFunctions>();
        Assert.True(registry.TryGetActivity("MakeGreeting", out Func<IServiceProvider, ITaskActivity>? factory));

        ITaskActivity activity = factory(Services);

        Assert.Equal(typeof(GreetingRequest), activity.InputType);
        Assert.Equal(typeof(GreetingResult), activity.OutputType);
    }

    [Fact]
    public void An_orchestration_trigger_on_anything_but_the_context_is_rejected()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => new DurableFunctionRegistry().AddFunctionsFrom<BadOrchestrator>());
        Assert.Contains("TaskOrchestrationContext", error.Message);
    }

    [Fact]
    public void Duplicate_names_are_rejected()
        => Assert.Throws<InvalidOperationException>(
            () => new DurableFunctionRegistry().AddFunctionsFrom<ReturnShapes>().AddFunctionsFrom<ReturnShapes>());

    public sealed class ReturnShapes
    {
        [Function("VoidAct")]
        public void VoidAct([ActivityTrigger] int input)
        {
        }

        // No [Function]: registered under the method name.
        public ValueTask Returns([ActivityTrigger] int input) => ValueTask.CompletedTask;

        [Function("SyncValue")]
        public static int SyncValue([ActivityTrigger] int input, FunctionContext? context) => context is null ? input * 6 : -1;

        [Function("ValueTaskOfT")]
        public async ValueTask<string> ValueTaskOfT([ActivityTrigger] int input, CancellationToken cancellation)
        {
            await Task.Yield();
            return cancellation.CanBeCanceled ? "cancellable?" : $"vt:{input}";
        }

        public static int NotAFunction(int input) => input;
    }

    public sealed class BadOrchestrator
    {
        [Function("Bad")]
        public static Task<string> Run([OrchestrationTrigger] string context) => Task.FromResult(context);
    }

    sealed class StubActivityContext(string name) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => "stub";
    }
}
