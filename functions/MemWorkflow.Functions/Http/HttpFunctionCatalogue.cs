using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Http;

/// <summary>One HTTP function as its attributes declare it: the Functions host reads the same
/// attributes (through the build's functions.metadata), the local host maps them, and the OpenAPI
/// document describes them. <see cref="Endpoint"/> carries the handler's request delegate and metadata.</summary>
public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, Access Access, MethodInfo Function, RouteEndpoint Endpoint)
{
    public RequestDelegate Handle => Endpoint.RequestDelegate!;
}

/// <summary>Every HTTP function of the app, read once from its [Function], [HttpTrigger] and
/// [HttpHandler] attributes. Handlers are bound by <see cref="RequestDelegateFactory"/>, as minimal
/// APIs bind them, with the app's own services and JSON options.</summary>
public sealed class HttpFunctionCatalogue
{
    private readonly Dictionary<string, HttpFunction> byName;

    public HttpFunctionCatalogue(IServiceProvider services)
    {
        Functions = Declared(typeof(HttpFunctionCatalogue).Assembly).Select((d, order) => Build(d, order, services)).ToList();
        byName = Functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<HttpFunction> Functions { get; }

    public HttpFunction? Find(string? name) => name is not null && byName.TryGetValue(name, out var function) ? function : null;

    /// <summary>The [Function] methods of an assembly that take an [HttpTrigger], with their handler.</summary>
    public static IEnumerable<(string Name, HttpTriggerAttribute Trigger, MethodInfo Function, HttpHandlerAttribute Handler)> Declared(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        let function = method.GetCustomAttribute<FunctionAttribute>()
        let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)
        where function is not null && trigger is not null
        orderby function.Name
        select (function.Name, trigger, method, method.GetCustomAttribute<HttpHandlerAttribute>()
            ?? throw new InvalidOperationException($"The HTTP function {function.Name} names no [HttpHandler]."));

    private static HttpFunction Build((string Name, HttpTriggerAttribute Trigger, MethodInfo Function, HttpHandlerAttribute Handler) declared, int order, IServiceProvider services)
    {
        var (name, trigger, function, handlerAttribute) = declared;
        var handler = function.DeclaringType!.GetMethod(handlerAttribute.Method, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{function.DeclaringType.Name}.{handlerAttribute.Method}, the handler of {name}, is not a static method.");
        var route = trigger.Route ?? name;
        var methods = (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList();
        var pattern = RoutePatternFactory.Parse(route);

        var builder = new RouteEndpointBuilder(null, pattern, order) { DisplayName = name };
        builder.Metadata.Add(handler);
        foreach (var attribute in handler.GetCustomAttributes())
            builder.Metadata.Add(attribute);
        builder.Metadata.Add(new HttpMethodMetadata(methods));
        builder.Metadata.Add(new EndpointNameMetadata(name));
        builder.Metadata.Add(new TagsAttribute(function.DeclaringType.Namespace!.Split('.')[^1]));
        var options = new RequestDelegateFactoryOptions
        {
            ServiceProvider = services,
            RouteParameterNames = pattern.Parameters.Select(p => p.Name).ToList(),
            ThrowOnBadRequest = true,
            EndpointBuilder = builder,
        };
        var metadata = RequestDelegateFactory.InferMetadata(handler, options);
        builder.RequestDelegate = RequestDelegateFactory.Create(handler, targetFactory: null, options, metadata).RequestDelegate;
        return new HttpFunction(name, route, methods, handlerAttribute.Access, function, (RouteEndpoint)builder.Build());
    }
}
