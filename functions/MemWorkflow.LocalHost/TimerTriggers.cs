using System.Reflection;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NCrontab;

namespace MemWorkflow.LocalHost;

/// <summary>Runs every timer-triggered function of the app on the schedule its [TimerTrigger] declares
/// (NCRONTAB with seconds, as the Functions host reads it), and once at start when it says
/// RunOnStartup, after the storage and the Durable worker have started. A run that fails is logged and
/// the schedule goes on, as under the host. <c>Mem:LocalHost:Timers</c> = <c>off</c> leaves them all
/// idle (tests that drive the supervisor themselves); <c>Mem:LocalHost:Timers:{FunctionName}</c> gives
/// one another schedule (the chaos suite supervises every 10 seconds).</summary>
public sealed class TimerTriggers(IServiceProvider services, IOptions<LocalHostOptions> options, ILogger<TimerTriggers> logger) : BackgroundService
{
    private static readonly IReadOnlyList<FunctionInvoker> Functions = FunctionInvoker.Declared(typeof(StorageOptions).Assembly, nameof(TimerTriggerAttribute));

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunsTimers)
            return Task.CompletedTask;
        return Task.WhenAll(Functions.Select(f => RunAsync(f, f.Trigger.GetCustomAttribute<TimerTriggerAttribute>()!, stoppingToken)));
    }

    private async Task RunAsync(FunctionInvoker function, TimerTriggerAttribute timer, CancellationToken stoppingToken)
    {
        var expression = options.Value.Timers.GetValueOrDefault(function.Name) ?? timer.Schedule;
        var schedule = TryParseSchedule(expression) ?? throw new InvalidOperationException($"{function.Name}'s schedule '{expression}' is not NCRONTAB.");
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

    // With seconds when it has six fields, as the Functions host reads it.
    internal static CrontabSchedule? TryParseSchedule(string expression) =>
        CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });

    private async Task InvokeAsync(FunctionInvoker function, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await function.InvokeAsync(new FunctionCall(scope.ServiceProvider, new TimerInfo(), stoppingToken));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Timer function {Function} failed; it runs again at its next time", function.Name);
        }
    }
}
