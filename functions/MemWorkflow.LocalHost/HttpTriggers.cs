using MemWorkflow.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.LocalHost;

/// <summary>Serves every HTTP-triggered function of the app at the route its [HttpTrigger] declares,
/// invoking the very [Function] method the Functions host would: an instance made from the request's
/// services, its parameters bound the way the host binds them.</summary>
public static class HttpTriggers
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in app.ServiceProvider.GetRequiredService<HttpFunctionCatalogue>().Functions)
        {
            var invoker = new FunctionInvoker(function.Function, nameof(HttpTriggerAttribute));
            app.MapMethods(function.Route, function.Methods, context => InvokeAsync(invoker, context)).WithDisplayName(function.Name);
        }
        return app;
    }

    private static async Task InvokeAsync(FunctionInvoker function, HttpContext context)
    {
        var call = new FunctionCall(context.RequestServices, context.Request, context.RequestAborted)
        {
            Named = name => context.Request.RouteValues.TryGetValue(name, out var value) ? value as string : context.Request.Query[name].FirstOrDefault(),
        };
        if (await function.InvokeAsync(call) is IResult answer)
            await answer.ExecuteAsync(context);
    }
}
