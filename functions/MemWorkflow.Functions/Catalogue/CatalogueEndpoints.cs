using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Shell;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemWorkflow.Functions.Catalogue;

public sealed record CatalogueView(string PlanId, string PlanTitle, IReadOnlyList<Pillar> Pillars, IReadOnlyList<ThematicEvaluation> ThematicEvaluations, IReadOnlyList<MemberState> MemberStates);

public static class CatalogueEndpoints
{
    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/catalogue", () =>
        {
            var catalogue = PlanCatalogue.Current;
            return TypedResults.Ok(new CatalogueView(catalogue.Plan.Id, catalogue.Plan.Title, catalogue.Plan.Pillars,
                catalogue.ThematicEvaluations, MemberStates.All));
        }).WithTags("Catalogue").WithName("GetCatalogue").AllowAnonymous();

        app.MapGet("/api/health", HealthAsync).WithTags("Health").WithName("GetHealth").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<string>, ProblemHttpResult>> HealthAsync(StorageTables tables, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await tables.Rounds.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().FirstAsync(timeout.Token);
            return TypedResults.Ok("healthy");
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or AggregateException)
        {
            return TypedResults.Problem("Storage does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unhealthy");
        }
    }
}
