using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace MemWorkflow.Functions.Http;

/// <summary>The OpenAPI document of the HTTP functions, made once by ASP.NET Core's generator from the
/// functions' routes and their handlers' metadata (the Functions host has no endpoint table of handlers
/// to describe, so the generator gets one of its own).</summary>
public sealed class OpenApiDocuments(HttpFunctionCatalogue catalogue, IHostEnvironment environment, IServiceProviderIsService appServices)
{
    public const string Name = "v1";

    private readonly Lazy<Task<string>> document = new(() => DescribeAsync(catalogue, environment, appServices));

    public Task<string> GetJsonAsync() => document.Value;

    private static async Task<string> DescribeAsync(HttpFunctionCatalogue catalogue, IHostEnvironment environment, IServiceProviderIsService appServices)
    {
        var services = new ServiceCollection();
        // The generator decides which handler parameters are services by asking its own container: it
        // must know the app's, or every injected service reads as a request body (and the real body is lost).
        foreach (var type in catalogue.Functions
                     .SelectMany(f => f.Endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.GetParameters() ?? [])
                     .Select(p => p.ParameterType).Distinct().Where(appServices.IsService))
            services.AddSingleton(type, _ => throw new InvalidOperationException($"{type.Name} is described, never resolved, by the OpenAPI generator."));
        services.AddLogging();
        services.AddSingleton(environment);
        services.AddRouting();
        services.AddOpenApi(Name);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => MemJson.Configure(o.SerializerOptions));
        services.AddSingleton<EndpointDataSource>(new DefaultEndpointDataSource(catalogue.Functions.Select(f => f.Endpoint)));
        await using var provider = services.BuildServiceProvider();
        var openApi = await provider.GetRequiredKeyedService<IOpenApiDocumentProvider>(Name).GetOpenApiDocumentAsync();
        using var text = new StringWriter();
        openApi.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }
}
