using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MemWorkflow.LocalHost.Durable;

public static class LocalDurableServiceCollectionExtensions
{
    // Registers the worker as a hosted service, the client as DurableTaskClient, and the one DataConverter both
    // use (function code that asks for DataConverter gets the same). Options are read once, here.
    public static IServiceCollection AddLocalDurableTask(
        this IServiceCollection services, Action<LocalDurableOptions> configure, Action<DurableFunctionRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(register);

        LocalDurableOptions options = new();
        configure(options);
        DurableFunctionRegistry registry = new();
        register(registry);

        services.AddSingleton(options);
        services.AddSingleton(registry);
        services.AddSingleton(options.CreateDataConverter());

        services.AddSingleton(sp => new LocalDurableWorker(
            options, registry, sp.GetRequiredService<DataConverter>(), sp, sp.GetService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<LocalDurableWorker>());

        // The client sends through the worker's current orchestration service: see LocalDurableWorker.Service.
        services.AddSingleton<DurableTaskClient>(sp =>
        {
            LocalDurableWorker worker = sp.GetRequiredService<LocalDurableWorker>();
            return new LocalDurableTaskClient(
                () => worker.Service, sp.GetRequiredService<DataConverter>(), options.ClientPollingInterval)
            {
                DefaultVersion = options.DefaultVersion,
            };
        });
        return services;
    }

    // Changes the registrations after AddLocalDurableTask (e.g. from a test's ConfigureTestServices); the worker reads
    // the registry only once it runs.
    public static IServiceCollection ConfigureDurableFunctions(this IServiceCollection services, Action<DurableFunctionRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        DurableFunctionRegistry registry = services
            .LastOrDefault(d => d.ServiceType == typeof(DurableFunctionRegistry))?.ImplementationInstance as DurableFunctionRegistry
            ?? throw new InvalidOperationException("Call AddLocalDurableTask before ConfigureDurableFunctions.");
        configure(registry);
        return services;
    }

    // Shorthand for the usual case: every [Function] method with a Durable trigger in the given classes.
    public static IServiceCollection AddLocalDurableTask(
        this IServiceCollection services, Action<LocalDurableOptions> configure, params Type[] functionClasses)
        => services.AddLocalDurableTask(configure, registry =>
        {
            foreach (Type type in functionClasses)
            {
                registry.AddFunctionsFrom(type);
            }
        });
}
