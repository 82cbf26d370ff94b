using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Rounds;

/// <summary>The supervisor's triggers: every five minutes and at every start of the app (RunOnStartup:
/// a pass is a few reads per open round, cheap enough for each instance Azure starts), and on request
/// by the MEM Unit.</summary>
public sealed class SupervisorFunctions(WorkflowSupervisor supervisor, HttpFunctions http)
{
    public const string Schedule = "0 */5 * * * *";

    [Function(nameof(SuperviseWorkflows))]
    public Task SuperviseWorkflows([TimerTrigger(Schedule, RunOnStartup = true)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        supervisor.RunAsync(client, cancellationToken);

    [Function(nameof(RunSupervision)), HttpHandler(nameof(RunAsync), Access.MemUnit)]
    public Task<IResult> RunSupervision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/workflows/supervision")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    /// <summary>One pass now: which workflows it found ended and started again.</summary>
    private static async Task<Ok<SupervisionPass>> RunAsync(Doorbell doorbell, WorkflowSupervisor supervisor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await supervisor.RunAsync(doorbell.Client, cancellationToken));
}
