using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemWorkflow.LocalHost.Durable;

// Runs the registered functions on DurableTask.Core's TaskHubWorker over Azure Storage (Azurite locally).
// The orchestration service is meant to be shared with the in-process client (see Service).
public sealed class LocalDurableWorker : IHostedService, IAsyncDisposable
{
    readonly LocalDurableOptions options;
    readonly DurableFunctionRegistry registry;
    readonly IServiceProvider services;
    readonly ILoggerFactory loggerFactory;
    readonly ILogger logger;
    readonly DurableTaskShimFactory shims;
    readonly SemaphoreSlim gate = new(1, 1);
    TaskHubWorker? worker;
    bool serviceStarted;

    public LocalDurableWorker(
        LocalDurableOptions options,
        DurableFunctionRegistry registry,
        DataConverter dataConverter,
        IServiceProvider services,
        ILoggerFactory? loggerFactory = null)
    {
        this.options = options;
        this.registry = registry;
        this.services = services;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        this.logger = this.loggerFactory.CreateLogger<LocalDurableWorker>();

        this.shims = CreateShimFactory(options, dataConverter, this.loggerFactory);
        this.Service = this.CreateService();
    }

    // The current orchestration service. An in-process client should send through this very instance: a message
    // sent through it wakes the worker's queue poller at once, while a separate instance's message waits out the
    // poll back-off (up to MaxQueuePollingInterval). It is replaced on a restart, because DurableTask.AzureStorage
    // cannot start a service again once stopped (its partition manager stays shut down), so read it per call.
    public AzureStorageOrchestrationService Service { get; private set; }

    public bool IsRunning => this.worker is not null;

    // Wall time of the last successful StartAsync, for diagnostics and the start-time measurement.
    public TimeSpan? LastStartDuration { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await this.gate.WaitAsync(cancellationToken);
        try
        {
            if (this.worker is not null)
            {
                return;
            }

            Stopwatch clock = Stopwatch.StartNew();
            if (this.serviceStarted)
            {
                AzureStorageOrchestrationService stopped = this.Service;
                this.Service = this.CreateService();
                stopped.Dispose();
            }

            this.serviceStarted = true;
            await this.Service.CreateIfNotExistsAsync();
            TaskHubWorker hubWorker = new(
                this.Service,
                new OrchestrationsFromMiddleware(),
                new RegisteredActivities(this.registry, this.services, this.shims),
                this.options.CreateVersioningSettings(),
                this.loggerFactory)
            {
                // Activity and sub-orchestration failures then reach orchestrators as FailureDetails (type, message,
                // stack, inner failure), which TaskFailedException.FailureDetails.IsCausedBy<T>() relies on.
                ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
            };
            EpisodeMiddleware middleware = new(
                new LocalOrchestrationRunner(this.registry, this.services, this.shims, this.Service.EventBehaviourForContinueAsNew),
                this.services);
            hubWorker.AddOrchestrationDispatcherMiddleware(middleware.InvokeAsync);

            await hubWorker.StartAsync();
            this.worker = hubWorker;

            // DurableTask.Core's own message for a refused version does not name the versions; this line does.
            this.logger.LogInformation(
                "Durable worker on {TaskHub} runs orchestration version {Version} ({MatchStrategy}, {FailureStrategy})",
                this.options.TaskHubName, this.options.DefaultVersion, this.options.VersionMatchStrategy, this.options.VersionFailureStrategy);
            this.LastStartDuration = clock.Elapsed;
        }
        finally
        {
            this.gate.Release();
        }
    }

    // Graceful: the dispatchers stop fetching, in-flight work items finish and partition leases are released, so
    // the next worker on the same hub picks up at once instead of after lease expiry. DurableTask.Core's stop takes
    // no token, waits up to ~8 s for work in hand and only then releases the leases, which takes ~2 s more (the
    // partition manager drains each control queue, polling every second). So the leases are released from the
    // start, alongside the dispatchers' stop (the partition manager drains orchestration sessions in hand before it
    // lets a partition go), and the host's shutdown timeout is honoured: past it the process may exit, and what was
    // in hand (an activity, nearly always) is delivered again once its queue message's visibility timeout lapses, as
    // after a crash; activities decide against the aggregates, so a repeat does nothing twice.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await this.gate.WaitAsync(CancellationToken.None);
        try
        {
            if (this.worker is not { } hubWorker)
            {
                return;
            }

            this.worker = null;
            Stopwatch clock = Stopwatch.StartNew();
            Task stopping = hubWorker.StopAsync(isForced: false);
            Task releasing = this.Service.StopAsync(isForced: true);
            Task both = Task.WhenAll(stopping, releasing);
            await Task.WhenAny(both, Task.Delay(Timeout.Infinite, cancellationToken));
            if (!both.IsCompleted)
            {
                this.logger.LogWarning(
                    "The Durable worker still had work in hand at the host's shutdown timeout ({Elapsed} ms); its partition leases were "
                    + "released: {Released}; work in hand will be delivered again after its visibility timeout",
                    clock.ElapsedMilliseconds, releasing.IsCompletedSuccessfully);
                return;
            }

            await both;
            hubWorker.Dispose();
            this.LastStopDuration = clock.Elapsed;
            this.logger.LogInformation("The Durable worker stopped and released its partition leases in {Elapsed} ms", clock.ElapsedMilliseconds);
        }
        finally
        {
            this.gate.Release();
        }
    }

    // Wall time of the last graceful stop that completed.
    public TimeSpan? LastStopDuration { get; private set; }

    // The DI container may dispose this twice (as itself and as the hosted service), so this stays idempotent
    // and leaves the semaphore alone: it never allocates a wait handle, so there is nothing to free.
    public async ValueTask DisposeAsync()
    {
        await this.StopAsync(CancellationToken.None);
        this.Service.Dispose();
    }

    // Default MaximumTimerInterval (3 days) is kept: longer timers are split just as in Azure. The shims give a
    // sub-orchestration started without a version the default version, as Durable Functions does.
    internal static DurableTaskShimFactory CreateShimFactory(LocalDurableOptions options, DataConverter dataConverter, ILoggerFactory? loggerFactory)
    {
        DurableTaskWorkerOptions workerOptions = new()
        {
            DataConverter = dataConverter,
            Versioning = new DurableTaskWorkerOptions.VersioningOptions
            {
                Version = options.DefaultVersion,
                DefaultVersion = options.DefaultVersion,
                MatchStrategy = Enum.Parse<DurableTaskWorkerOptions.VersionMatchStrategy>(options.VersionMatchStrategy.ToString()),
                FailureStrategy = Enum.Parse<DurableTaskWorkerOptions.VersionFailureStrategy>(options.VersionFailureStrategy.ToString()),
            },
        };
        return new DurableTaskShimFactory(workerOptions, loggerFactory ?? NullLoggerFactory.Instance);
    }

    AzureStorageOrchestrationService CreateService() => new(this.options.CreateStorageSettings(this.loggerFactory));
}
