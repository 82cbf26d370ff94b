using MemWorkflow.Contracts.Catalogue;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Catalogue;

/// <summary>The app's state as anyone may read it: "healthy" or "degraded", and nothing else.</summary>
public sealed record HealthStatus(string Status);

/// <summary>The app's state for the MEM Unit: <see cref="Status"/> is "healthy" or "degraded", with the reasons
/// (which name incidents, round ids and member states), the environment, the clock and the mailbox.</summary>
public sealed record HealthView(string Status, IReadOnlyList<string> Reasons, string Environment, string Clock, string Email,
    IReadOnlyList<string> DevelopmentFeatures);

public sealed class CatalogueFunctions(HttpFunctions http)
{
    [Function(nameof(GetCatalogue)), HttpHandler(nameof(GetCatalogueView), Access.Anyone)]
    public Task<IResult> GetCatalogue([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/catalogue")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(GetHealth)), HttpHandler(nameof(HealthAsync), Access.Anyone)]
    public Task<IResult> GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(GetOpenApiDocument)), HttpHandler(nameof(OpenApiAsync), Access.Anyone)]
    public Task<IResult> GetOpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest request) =>
        http.RunAsync(request);

    /// <summary>The same for every caller until a deploy changes it: cacheable for an hour, then revalidated.</summary>
    private static Results<Ok<CatalogueView>, StatusCodeHttpResult> GetCatalogueView(HttpContext http)
    {
        var catalogue = PlanCatalogue.Current;
        var view = CatalogueView.Of(catalogue);
        return Conditional.NotModified(http, view, "public, max-age=3600") ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(view);
    }

    [Microsoft.AspNetCore.Routing.ExcludeFromDescription]
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> OpenApiAsync(string documentName, OpenApiDocuments documents) =>
        documentName == OpenApiDocuments.Name
            ? TypedResults.Text(await documents.GetJsonAsync(), "application/json; charset=utf-8")
            : Problems.NotFound($"No OpenAPI document {documentName}; there is {OpenApiDocuments.Name}.");

    /// <summary>"healthy", or "degraded" with the reasons: every open incident (email delivery failing past
    /// the alert threshold, a workflow step failing; a channel that does not depend on the email provider),
    /// or a setting that is wrong.
    /// Always says which clock and mailbox run, in which environment. 503 when storage does not answer.
    /// Anyone (a monitor, the portal's visitors) gets the status only; the details need the MEM Unit.</summary>
    private static async Task<Results<Ok<HealthView>, Ok<HealthStatus>, ProblemHttpResult>> HealthAsync(
        HttpContext http, StorageTables tables, IncidentStore incidents, ConfigurationHealth configuration, IHostEnvironment environment,
        IOptions<MemOptions> mem, IOptions<EmailOptions> email, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            // A point read (of a row that may not exist): storage answers, and nothing is scanned.
            await tables.Rounds.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("health", "health", cancellationToken: timeout.Token);
            var reasons = configuration.Problems.ToList();
            foreach (var incident in await incidents.ListOpenAsync(timeout.Token))
                reasons.Insert(0, $"{incident.Subject}: failing since {incident.FailingSince:O} ({incident.LastError})");
            var status = reasons.Count == 0 ? "healthy" : "degraded";
            // A public endpoint authenticates no one on the way in: a MEM Unit token sent with it is checked here.
            var caller = await http.AuthenticateAsync(Participants.TokenAuthenticationHandler.SchemeName);
            if (caller is not { Succeeded: true } || !caller.Principal.IsInRole(nameof(Role.MemUnit)))
                return TypedResults.Ok(new HealthStatus(status));
            return TypedResults.Ok(new HealthView(status, reasons, environment.EnvironmentName,
                mem.Value.Clock, email.Value.Mode, ProductionGuard.DevelopmentFeatures(mem.Value, email.Value)));
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or AggregateException)
        {
            return TypedResults.Problem("Storage does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unhealthy");
        }
    }
}
