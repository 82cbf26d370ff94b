using MemWorkflow.Functions.Shell;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Reminders;

/// <summary>Runs the Tick in-process when no Functions host drives the timer trigger (local runs).
/// Waits in real time: a manual clock only moves when told, and <c>POST /api/dev/clock</c> ticks itself.</summary>
public sealed class LocalScheduler(IServiceProvider services, IOptions<SchedulerOptions> options, ILogger<LocalScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await services.GetRequiredService<TickRunner>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Tick failed; the next one retries");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
