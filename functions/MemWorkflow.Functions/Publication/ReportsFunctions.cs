using MemWorkflow.Contracts.Publication;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Publication;

/// <summary>Where the contract's report links point for a published evaluation.</summary>
public static class ReportViews
{
    extension(ReportLinks)
    {
        public static ReportLinks Of(string roundId, EvaluationState state) => new(roundId, state.MemberState, MemberStates.NameOf(state.MemberState),
            state.Report!.PublishedAt, state.Report.Sha256, $"/api/reports/{roundId}/{state.MemberState}", $"/api/reports/{roundId}/{state.MemberState}?format=markdown");
    }
}

/// <summary>Published reports are public: anyone lists and reads them.</summary>
public sealed class ReportsFunctions(HttpFunctions http)
{
    [Function(nameof(ListReports)), HttpHandler(nameof(ListAsync), Access.Anyone)]
    public Task<IResult> ListReports([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(GetReport)), HttpHandler(nameof(ReadAsync), Access.Anyone)]
    public Task<IResult> GetReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{roundId}/{ms}")] HttpRequest request) =>
        http.RunAsync(request);

    /// <summary>Newest publication first, a page at a time (<see cref="PageRequest"/>), from the report index. A list
    /// changes only when a report is published: caches keep it a minute, then revalidate (304 while unchanged).</summary>
    private static async Task<Results<Ok<IReadOnlyList<PublishedReportView>>, StatusCodeHttpResult, ValidationProblem>> ListAsync(
        string? page, string? pageSize, HttpContext http, RoundIndex index, CancellationToken cancellationToken)
    {
        var (request, problem) = PageRequest.Parse(page, pageSize, RoundIndex.ReportPrefix);
        if (request is null)
            return problem!;
        var rows = await index.ReportsAsync(request, cancellationToken);
        request.Link(http, rows);
        IReadOnlyList<PublishedReportView> reports = rows.Items.Select(row =>
        {
            var (roundId, ms) = (row.GetString("RoundId"), row.GetString("MemberState"));
            return new PublishedReportView(row.GetString("ThematicEvaluation"), row.GetString("Title"), row.GetInt32("Year") ?? 0,
                new ReportLinks(roundId, ms, MemberStates.NameOf(ms), row.GetDateTimeOffset("PublishedAt")!.Value, row.GetString("Sha256"),
                    $"/api/reports/{roundId}/{ms}", $"/api/reports/{roundId}/{ms}?format=markdown"));
        }).ToList();
        return Conditional.NotModified(http, reports, "public, max-age=60")
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(reports);
    }

    /// <summary>HTML by default; Markdown for <c>Accept: text/markdown</c> (or <c>?format=markdown</c>).</summary>
    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> ReadAsync(
        string roundId, string ms, string? format, HttpContext http, RoundQueries queries, ReportPublisher publisher, CancellationToken cancellationToken)
    {
        // An evaluation's row lives in its round's partition: when it exists, so does the round.
        var state = RoundsFunctions.IsRoundId(roundId) && MemberStates.IsKnown(ms) ? (await queries.LoadEvaluationAsync(roundId, ms, cancellationToken)).State : null;
        if (state?.Report is not { } report)
            return Problems.NotFound($"No published report of {ms} in round {roundId}.");
        var markdown = format == "markdown" || http.Request.Headers.Accept.ToString().Contains("text/markdown", StringComparison.OrdinalIgnoreCase);
        // A published report never changes: its hash is its version, and caches may keep it.
        var etag = $"\"{report.Sha256[..Math.Min(32, report.Sha256.Length)]}-{(markdown ? "md" : "html")}\"";
        http.Response.Headers.Vary = "Accept";
        if (Conditional.NotModified(http, etag, "public, max-age=3600"))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return markdown
            ? TypedResults.Text(await publisher.ReadAsync(report.MarkdownBlob, cancellationToken), "text/markdown; charset=utf-8")
            : TypedResults.Text(await publisher.ReadAsync(report.HtmlBlob, cancellationToken), "text/html; charset=utf-8");
    }
}
