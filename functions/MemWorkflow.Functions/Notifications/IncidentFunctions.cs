using MemWorkflow.Contracts.Notifications;
using MemWorkflow.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Notifications;

/// <summary>The open incidents (email delivery refused, a workflow step failing), for the MEM Unit's
/// portal: in SendGrid mode the alert email may be exactly what cannot be sent, and the local mailbox
/// it falls back to is read by no one, so the portal reads them here.</summary>
public sealed class IncidentFunctions(HttpFunctions http)
{
    [Function(nameof(ListIncidents)), HttpHandler(nameof(ListAsync), Access.MemUnit)]
    public Task<IResult> ListIncidents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/incidents")] HttpRequest request) =>
        http.RunAsync(request);

    private static async Task<Ok<IReadOnlyList<Incident>>> ListAsync(IncidentStore incidents, CancellationToken cancellationToken) =>
        TypedResults.Ok(await incidents.ListOpenAsync(cancellationToken));
}
