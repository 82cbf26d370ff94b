using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Shell.Http;
using MemWorkflow.Functions.Shell;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Publication;

public sealed record ReportLinks(string RoundId, string MemberState, string Country, DateTimeOffset PublishedAt, string Sha256, string Html, string Markdown)
{
    public static ReportLinks Of(string roundId, EvaluationState state) => new(roundId, state.MemberState, MemberStates.NameOf(state.MemberState),
        state.Report!.PublishedAt, state.Report.Sha256, $"/api/reports/{roundId}/{state.MemberState}", $"/api/reports/{roundId}/{state.MemberState}?format=markdown");
}

public sealed record PublishedReportView(string ThematicEvaluation, string Title, int Year, ReportLinks Report);

/// <summary>Published reports are public: anyone lists and reads them.</summary>
public sealed class ReportsFunctions(HttpFunctions http)
{
    [Function(nameof(ListReports)), HttpHandler(nameof(ListAsync), Access.Anyone)]
    public Task<IResult> ListReports([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(GetReport)), HttpHandler(nameof(ReadAsync), Access.Anyone)]
    public Task<IResult> GetReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/reports/{roundId}/{ms}")] HttpRequest request) =>
        http.RunAsync(request);

    private static async Task<Ok<IReadOnlyList<PublishedReportView>>> ListAsync(RoundQueries queries, CancellationToken cancellationToken)
    {
        var reports = new List<PublishedReportView>();
        foreach (var round in await queries.ListAsync(cancellationToken))
        {
            var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
            foreach (var state in (await queries.EvaluationsAsync(round.RoundId, cancellationToken)).Values.Where(e => e.Report is not null).OrderBy(e => e.MemberState))
                reports.Add(new PublishedReportView(thematic.Id, thematic.TitleInReports, thematic.Year, ReportLinks.Of(round.RoundId, state)));
        }
        return TypedResults.Ok<IReadOnlyList<PublishedReportView>>(reports);
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
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=3600";
        http.Response.Headers.Vary = "Accept";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        return markdown
            ? TypedResults.Text(await publisher.ReadAsync(report.MarkdownBlob, cancellationToken), "text/markdown; charset=utf-8")
            : TypedResults.Text(await publisher.ReadAsync(report.HtmlBlob, cancellationToken), "text/html; charset=utf-8");
    }
}
