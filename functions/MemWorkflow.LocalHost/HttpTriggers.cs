using System.Reflection;
using MemWorkflow.Functions.Http;

namespace MemWorkflow.LocalHost;

/// <summary>Serves every HTTP-triggered function of the app at the route its [HttpTrigger] declares,
/// invoking the very [Function] method the Functions host would: an instance made from the request's
/// services, its parameters bound the way the host binds them.</summary>
public static class HttpTriggers
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in app.ServiceProvider.GetRequiredService<HttpFunctionCatalogue>().Functions)
            app.MapMethods(function.Route, function.Methods, context => InvokeAsync(function.Function, context))
                .WithDisplayName(function.Name);
        return app;
    }

    private static async Task InvokeAsync(MethodInfo function, HttpContext context)
    {
        var target = function.IsStatic ? null : ActivatorUtilities.CreateInstance(context.RequestServices, function.DeclaringType!);
        var arguments = function.GetParameters().Select(p => Bind(p, context)).ToArray();
        object? result;
        try
        {
            result = function.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        if (result is Task task)
        {
            await task;
            result = task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }
        if (result is IResult answer)
            await answer.ExecuteAsync(context);
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context) =>
        parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            var t when t == typeof(string) => context.Request.RouteValues.TryGetValue(parameter.Name!, out var value) ? value as string
                : context.Request.Query[parameter.Name!].FirstOrDefault(),
            var t => context.RequestServices.GetService(t) ?? throw new InvalidOperationException(
                $"The local host cannot bind {parameter.Name} ({t.Name}) of {parameter.Member.DeclaringType?.Name}.{parameter.Member.Name}."),
        };
}
