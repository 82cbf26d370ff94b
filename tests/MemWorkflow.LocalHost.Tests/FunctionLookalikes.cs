// Stand-ins for the Azure Functions worker types. The adapter matches attributes by type name only, so these
// behave like the real ones without pulling the Functions packages into this project.
namespace MemWorkflow.LocalHost.Durable.Tests;

[AttributeUsage(AttributeTargets.Method)]
public sealed class FunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class OrchestrationTriggerAttribute : Attribute;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ActivityTriggerAttribute : Attribute;

public abstract class FunctionContext;
