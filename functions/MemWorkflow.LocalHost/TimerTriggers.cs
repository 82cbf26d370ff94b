using System.Reflection;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using NCrontab;

namespace MemWorkflow.LocalHost;

/// <summary>Runs every timer-triggered function of the app on the schedule its [TimerTrigger] declares
/// (NCRONTAB with seconds, as the Functions host reads it), and once at start when it says
/// RunOnStartup, after the storage and the Durable worker have started. A run that fails is logged and
/// the schedule goes on, as under the host. <c>Mem:LocalHost:Timers</c> = <c>off</c> leaves them all
/// idle (tests that drive the supervisor themselves); <c>Mem:LocalHost:Timers:{FunctionName}</c> gives
/// one another schedule (the chaos suite supervises every 10 seconds).</summary>
public sealed class TimerTriggers(IServiceProvider services, IConfiguration configuration, ILogger<TimerTriggers> logger) : BackgroundService
{
    public static IReadOnlyList<(MethodInfo Method, TimerTriggerAttribute Timer)> Functions { get; } = typeof(StorageOptions).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Select(m => (Method: m, Timer: m.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).FirstOrDefault(a => a is not null)))
        .Where(f => f.Timer is not null && f.Method.GetCustomAttribute<FunctionAttribute>() is not null)
        .Select(f => (f.Method, f.Timer!))
        .ToList();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.Equals(configuration["Mem:LocalHost:Timers"], "off", StringComparison.OrdinalIgnoreCase))
            return Task.CompletedTask;
        return Task.WhenAll(Functions.Select(f => RunAsync(f.Method, f.Timer, stoppingToken)));
    }

    private async Task RunAsync(MethodInfo function, TimerTriggerAttribute timer, CancellationToken stoppingToken)
    {
        var expression = configuration[$"Mem:LocalHost:Timers:{function.Name}"] ?? timer.Schedule;
        var schedule = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });
        try
        {
            if (timer.RunOnStartup)
                await InvokeAsync(function, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule.GetNextOccurrence(DateTime.UtcNow);
                await Task.Delay(next - DateTime.UtcNow, stoppingToken);
                await InvokeAsync(function, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task InvokeAsync(MethodInfo function, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var target = function.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.DeclaringType!);
            var arguments = function.GetParameters().Select(p => p.ParameterType switch
            {
                var t when t == typeof(TimerInfo) => new TimerInfo(),
                var t when t == typeof(CancellationToken) => stoppingToken,
                var t when t == typeof(DurableTaskClient) => scope.ServiceProvider.GetRequiredService<DurableTaskClient>(),
                var t => scope.ServiceProvider.GetService(t),
            }).ToArray();
            if (function.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null) is Task task)
                await task;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Timer function {Function} failed; it runs again at its next time", function.Name);
        }
    }
}
