using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Rounds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Participants;

/// <summary>Who the caller is (the portal's first question), and an NCE's own evaluations.</summary>
public sealed class MeFunctions(HttpFunctions http)
{
    [Function(nameof(GetMe)), HttpHandler(nameof(GetAsync), Access.Participant)]
    public Task<IResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(GetMyEvaluations)), HttpHandler(nameof(EvaluationsAsync), Access.Participant)]
    public Task<IResult> GetMyEvaluations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/evaluations")] HttpRequest request) =>
        http.RunAsync(request);

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> GetAsync(
        HttpContext http, ParticipantDirectory directory, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var participant = await directory.GetAsync(caller.Id, cancellationToken);
        if (participant is null)
            return Problems.NotFound("The caller is no longer registered.");
        var expires = http.User.FindFirst(Caller.SessionExpiresClaim)?.Value is { } value ? DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
        return TypedResults.Ok(new MeView(participant.Id, participant.Role, participant.Name, participant.Email, participant.MemberState,
            participant.Languages, participant.Expertise, expires));
    }

    private static async Task<Results<Ok<IReadOnlyList<MyEvaluation>>, ProblemHttpResult>> EvaluationsAsync(
        HttpContext http, RoundQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (caller.Role != Role.Nce || caller.MemberState is not { } state)
            return Problems.Forbidden("Only NCE users have their state's evaluations; experts and consultants see GET /api/me/assignments.");
        var now = clock.GetUtcNow();
        var mine = new List<MyEvaluation>();
        foreach (var round in await queries.ListAsync(cancellationToken))
        {
            if (!round.Settings.Countries.Any(c => c.MemberState == state))
                continue;
            var evaluation = (await queries.LoadEvaluationAsync(round.RoundId, state, cancellationToken)).State;
            if (evaluation is null)
                continue;
            var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
            mine.Add(new MyEvaluation(round.RoundId, thematic.Id, thematic.Year, state, evaluation.Stage, evaluation.Due,
                evaluation.IsOverdue(now)));
        }
        return TypedResults.Ok<IReadOnlyList<MyEvaluation>>(mine);
    }
}
