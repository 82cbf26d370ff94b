using System.Text.RegularExpressions;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Rounds;

public sealed partial class RoundsFunctions(HttpFunctions http)
{
    public const int MaxReasonLength = 2000;

    [Function(nameof(StartRound)), HttpHandler(nameof(StartAsync), Access.MemUnit)]
    public Task<IResult> StartRound([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(ListRounds)), HttpHandler(nameof(ListAsync), Access.MemUnit)]
    public Task<IResult> ListRounds([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(GetRound)), HttpHandler(nameof(GetAsync), Access.MemUnit)]
    public Task<IResult> GetRound([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(GetRoundWorkflow)), HttpHandler(nameof(GetWorkflowAsync), Access.MemUnit)]
    public Task<IResult> GetRoundWorkflow([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/workflow")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(CancelRound)), HttpHandler(nameof(CancelAsync), Access.MemUnit)]
    public Task<IResult> CancelRound([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/cancellation")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(ExtendDeadline)), HttpHandler(nameof(ExtendAsync), Access.MemUnit)]
    public Task<IResult> ExtendDeadline([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/extension")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(GetCountryEvaluation)), HttpHandler(nameof(GetCountryAsync), Access.Participant)]
    public Task<IResult> GetCountryEvaluation([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/countries/{ms}")] HttpRequest request) =>
        http.RunAsync(request);

    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>Starts a round: the round is written, then its workflow is started (instance id = round id)
    /// and issues the questionnaires. With an Idempotency-Key, the round id derives
    /// from the caller and the key, so a repeat answers the round already started.</summary>
    private static async Task<Results<Created<RoundView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        RoundRequest request, [Microsoft.AspNetCore.Mvc.FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, Doorbell doorbell,
        RoundCommands workflow, RoundQueries queries, IOptions<RoundDefaultsOptions> defaults, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (idempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength } || idempotencyKey?.Any(char.IsControl) == true)
            return Problems.Invalid("Idempotency-Key", $"An Idempotency-Key has 1 to {MaxIdempotencyKeyLength} printable characters.");
        var (settings, errors) = RoundRules.Validate(request, PlanCatalogue.Current, defaults.Value.ToDefaults(), now);
        if (settings is null)
            return TypedResults.ValidationProblem(errors, title: "The round cannot be started");
        var caller = Caller.From(http.User);
        var roundId = RoundCommands.NewRoundId(settings, caller.Id, idempotencyKey);
        if (idempotencyKey is not null && await queries.GetAsync(roundId, cancellationToken) is { } existing)
            return await RepeatedAsync(existing);
        var started = await workflow.StartAsync(roundId, settings, caller.Actor, cancellationToken);
        // The same request sent twice at once: the one that lost the race answers the round the other started.
        if (started.Rejection is { Kind: Core.RejectionKind.Conflict } && idempotencyKey is not null && started.State is { } raced)
            return await RepeatedAsync(raced);
        if (started.Rejection is { } rejection)
            return Problems.For(rejection);
        // The round first, then its workflow: a workflow never waits for a round that may not come. Should
        // this start fail, a repeat of the request or the supervisor's next pass starts it.
        await doorbell.StartRoundAsync(roundId);
        var round = started.State!;
        var view = RoundView.Of(round, await queries.EvaluationsAsync(round.RoundId, cancellationToken), clock.GetUtcNow());
        return TypedResults.Created($"/api/rounds/{round.RoundId}", view);

        async Task<Results<Created<RoundView>, ValidationProblem, ProblemHttpResult>> RepeatedAsync(RoundState existing)
        {
            if (existing.Settings.PlanId != settings.PlanId || existing.Settings.ThematicEvaluationId != settings.ThematicEvaluationId
                || !existing.Settings.Countries.Select(c => c.MemberState).SequenceEqual(settings.Countries.Select(c => c.MemberState)))
                return Problems.Refuse(RejectionKind.KeyReused, $"Idempotency-Key {idempotencyKey} already started round {roundId}, for other member states or another thematic evaluation.");
            await doorbell.StartRoundAsync(roundId);
            return TypedResults.Created($"/api/rounds/{roundId}", RoundView.Of(existing, await queries.EvaluationsAsync(roundId, cancellationToken), now));
        }
    }

    /// <summary>Newest first, a page at a time (<see cref="PageRequest"/>), from the round index.</summary>
    private static async Task<Results<Ok<IReadOnlyList<RoundSummary>>, ValidationProblem>> ListAsync(
        string? page, string? pageSize, HttpContext http, RoundIndex index, CancellationToken cancellationToken)
    {
        var (request, problem) = PageRequest.Parse(page, pageSize, RoundIndex.RoundPrefix);
        if (request is null)
            return problem!;
        var rounds = await index.RoundsAsync(request, cancellationToken);
        request.Link(http, rounds);
        return TypedResults.Ok<IReadOnlyList<RoundSummary>>(rounds.Items.Select(r => new RoundSummary(r.RoundId, r.Settings.ThematicEvaluationId,
            PlanCatalogues.Known.ThematicEvaluationOf(r.Settings).Year, r.Status, r.StartedAt, r.Settings.Countries.Count, r.Settings.PlanId)).ToList());
    }

    private static async Task<Results<Ok<RoundWorkflowView>, ProblemHttpResult>> GetWorkflowAsync(
        string roundId, Doorbell doorbell, RoundQueries queries, WorkflowProbe probe, CancellationToken cancellationToken)
    {
        var round = await queries.FindAsync(roundId, cancellationToken);
        if (round is null)
            return Problems.NotFound($"No round {roundId}.");
        return TypedResults.Ok(await probe.DescribeAsync(doorbell.Client, round, cancellationToken));
    }

    private static async Task<Results<Ok<RoundView>, ProblemHttpResult>> GetAsync(
        string roundId, RoundQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var round = await queries.FindAsync(roundId, cancellationToken);
        if (round is null)
            return Problems.NotFound($"No round {roundId}.");
        return TypedResults.Ok(RoundView.Of(round, await queries.EvaluationsAsync(roundId, cancellationToken), clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<RoundView>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string roundId, CancellationRequest request, HttpContext http, Doorbell doorbell, RoundCommands workflow, RoundQueries queries, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (ReasonProblem(request.Reason) is { } invalid)
            return invalid;
        if (await queries.FindAsync(roundId, cancellationToken) is null)
            return Problems.NotFound($"No round {roundId}.");
        var cancelled = await workflow.CancelAsync(roundId, request.Reason!.Trim(), Caller.From(http.User).Actor, cancellationToken);
        if (cancelled.Rejection is { } rejection)
            return Problems.For(rejection);
        await doorbell.RingAllAsync(roundId, cancelled.State!.Settings.Countries.Select(c => c.MemberState));
        return TypedResults.Ok(RoundView.Of(cancelled.State!, await queries.EvaluationsAsync(roundId, cancellationToken), clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<EvaluationView>, ValidationProblem, ProblemHttpResult>> ExtendAsync(
        string roundId, string ms, ExtensionRequest request, HttpContext http, Doorbell doorbell, RoundCommands workflow, RoundQueries queries,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Due is null)
            return Problems.Invalid("due", "The new due date is required (ISO 8601, UTC).");
        if (ReasonProblem(request.Reason) is { } invalid)
            return invalid;
        var round = await queries.FindAsync(roundId, cancellationToken);
        if (round?.Country(ms) is null)
            return Problems.NotFound($"No evaluation of {ms} in round {roundId}.");
        var extended = await workflow.ExtendAsync(round, ms, request.Due.Value.ToUniversalTime(), request.Reason!.Trim(), Caller.From(http.User).Actor, cancellationToken);
        if (extended.Rejection is { } rejection)
            return Problems.For(rejection);
        await doorbell.RingAsync(roundId, ms);
        var stored = await queries.LoadEvaluationAsync(roundId, ms, cancellationToken);
        return TypedResults.Ok(EvaluationView.Of(roundId, stored.State!,
            await queries.HistoryPageAsync(roundId, ms, stored.Version, null, DefaultHistoryPage, cancellationToken), clock.GetUtcNow()));
    }

    public const int DefaultHistoryPage = 200;
    public const int MaxHistoryPage = 1000;

    /// <summary>The evaluation with a page of its history: the newest <c>historyPageSize</c> events (200 by
    /// default, at most 1,000), or those before version <c>historyBefore</c>.</summary>
    private static async Task<Results<Ok<EvaluationView>, ValidationProblem, ProblemHttpResult>> GetCountryAsync(
        string roundId, string ms, string? historyBefore, string? historyPageSize, HttpContext http, EvaluationAccess access, RoundQueries queries,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var size = DefaultHistoryPage;
        if (historyPageSize is not null && (!int.TryParse(historyPageSize, System.Globalization.NumberStyles.None, invariant, out size) || size is < 1 or > MaxHistoryPage))
            return Problems.Invalid("historyPageSize", $"historyPageSize is a whole number from 1 to {MaxHistoryPage}.");
        int? before = null;
        if (historyBefore is not null)
        {
            if (!int.TryParse(historyBefore, System.Globalization.NumberStyles.None, invariant, out var parsed) || parsed < 2)
                return Problems.Invalid("historyBefore", "historyBefore is the version (a whole number above 1) the previous page's historyEarlier named.");
            before = parsed;
        }
        var caller = Caller.From(http.User);
        var (found, problem) = await access.FindAsync(roundId, ms, caller, EvaluationRight.Read, cancellationToken);
        if (found is null)
            return problem!;
        var page = await queries.HistoryPageAsync(roundId, ms, found.Snapshot.Version, before, size, cancellationToken);
        return TypedResults.Ok(EvaluationView.Of(roundId, found.State, page, clock.GetUtcNow(),
            forTheCountry: caller.Role == Contracts.Participants.Role.Nce, pageSize: historyPageSize is null ? null : size));
    }

    private static ValidationProblem? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? Problems.Invalid("reason", "A reason is required; it is kept in the history and sent to the people affected.")
        : reason.Length > MaxReasonLength ? Problems.Invalid("reason", $"A reason has at most {MaxReasonLength} characters.")
        : null;

    public static bool IsRoundId(string roundId) => RoundIdPattern().IsMatch(roundId);

    [GeneratedRegex("^r[0-9]{4}-[0-9a-f]{8}$")]
    private static partial Regex RoundIdPattern();
}
