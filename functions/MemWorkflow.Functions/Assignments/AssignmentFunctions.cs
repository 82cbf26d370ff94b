using MemWorkflow.Contracts.Assignments;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace MemWorkflow.Functions.Assignments;

public sealed class AssignmentFunctions(HttpFunctions http)
{
    [Function(nameof(ProposeAssignment)), HttpHandler(nameof(ProposeAsync), Access.MemUnit)]
    public Task<IResult> ProposeAssignment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/assignments/proposals")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(CommitAssignment)), HttpHandler(nameof(CommitAsync), Access.MemUnit)]
    public Task<IResult> CommitAssignment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/assignments/proposals/{proposalId}/commitment")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(GetAssignment)), HttpHandler(nameof(GetAsync), Access.MemUnit)]
    public Task<IResult> GetAssignment([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/rounds/{roundId}/assignments")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(DeclineAssignment)), HttpHandler(nameof(DeclineAsync), Access.Participant)]
    public Task<IResult> DeclineAssignment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/rounds/{roundId}/countries/{ms}/experts/{participantId}/decline")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(GetMyAssignments)), HttpHandler(nameof(MineAsync), Access.Participant)]
    public Task<IResult> GetMyAssignments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/me/assignments")] HttpRequest request) =>
        http.RunAsync(request);

    private static async Task<Results<Created<ProposalView>, ProblemHttpResult>> ProposeAsync(
        string roundId, ProposalRequest? request, HttpContext http, RoundQueries queries, AssignmentCommands workflow, CancellationToken cancellationToken)
    {
        var round = await queries.FindAsync(roundId, cancellationToken);
        if (round is null)
            return Problems.NotFound($"No round {roundId}.");
        if (round.Status != RoundStatus.Open || round.Assignment is not null)
            return Problems.Conflict(round.Assignment is not null
                ? "An assignment is already committed for this round; an expert who cannot serve declines and is replaced seat by seat."
                : $"The round is {round.Status.ToString().ToLowerInvariant()}.");
        switch (await workflow.ProposeAsync(round, request?.Seed ?? 0, Caller.From(http.User).Actor, cancellationToken))
        {
            case ProposalOutcome.Infeasible infeasible:
                return Problems.Refuse(RejectionKind.Unsatisfiable, infeasible.Infeasibility.Summary, "The round cannot be staffed",
                    new Dictionary<string, object?> { ["unstaffable"] = UnstaffableEvaluation.Of(infeasible.Infeasibility) });
            case ProposalOutcome.Proposed proposed:
                return TypedResults.Created($"/api/rounds/{roundId}/assignments/proposals/{proposed.Proposal.ProposalId}", ProposalView.Of(proposed.Proposal));
            default:
                throw new InvalidOperationException("Unknown proposal outcome.");
        }
    }

    private static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> CommitAsync(
        string roundId, string proposalId, HttpContext http, Doorbell doorbell, RoundQueries queries, ProposalStore proposals, AssignmentCommands workflow,
        CancellationToken cancellationToken)
    {
        var round = await queries.FindAsync(roundId, cancellationToken);
        var proposal = round is null ? null : await proposals.GetAsync(roundId, proposalId, cancellationToken);
        if (round is null || proposal is null)
            return Problems.NotFound($"No proposal {proposalId} in round {roundId}.");
        var committed = await workflow.CommitAsync(round, proposal, Caller.From(http.User).Actor, cancellationToken);
        if (committed.Rejection is { } rejection)
            return Problems.For(rejection);
        await doorbell.RingAllAsync(roundId, round.Settings.Countries.Select(c => c.MemberState));
        return TypedResults.Ok(AssignmentView.Of(committed.State!));
    }

    private static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> GetAsync(string roundId, RoundQueries queries, CancellationToken cancellationToken)
    {
        var round = await queries.FindAsync(roundId, cancellationToken);
        if (round is null)
            return Problems.NotFound($"No round {roundId}.");
        return round.Assignment is null ? Problems.NotFound("No assignment has been committed for this round yet.") : TypedResults.Ok(AssignmentView.Of(round));
    }

    /// <summary>The MEM Unit gets the round's assignment as it now stands; an expert who declined gets their own seat
    /// only: who replaces them, who evaluates other states and who else declined are not theirs to know.</summary>
    private static async Task<Results<Ok<AssignmentView>, Ok<DeclinedSeat>, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        string roundId, string ms, string participantId, DeclineRequest request, HttpContext http, Doorbell doorbell, RoundQueries queries, AssignmentCommands workflow,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (EvaluationRights.DeclineByRole(caller.Asker, participantId) is { } refused)
            return Problems.For(refused);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > RoundsFunctions.MaxReasonLength)
            return Problems.Invalid("reason", $"A reason (at most {RoundsFunctions.MaxReasonLength} characters) is required; the MEM Unit reads it.");
        if (await queries.FindAsync(roundId, cancellationToken) is not { } round)
            return Problems.NotFound($"{participantId} is not assigned to the evaluation of {ms} in round {roundId}.");
        // Read only for a seat that exists (so only for a member state of the round); the evaluation decides again with its stage.
        var evaluation = round.Assignment?.For(ms) is null ? null : (await queries.LoadEvaluationAsync(roundId, ms, cancellationToken)).State;
        if (EvaluationRights.Decline(caller.Asker, participantId, ms, round, evaluation) is { } rejection)
            return Problems.For(rejection);
        var byTheExpert = !caller.IsMemUnit;

        var (outcome, infeasibility) = await workflow.DeclineAsync(round, ms, participantId, request.Reason.Trim(), caller.Actor, cancellationToken, byTheExpert);
        // Why not names the other candidates and why each is excluded: the MEM Unit's to read, never an expert's.
        if (infeasibility is not null)
            return byTheExpert
                ? Problems.Refuse(RejectionKind.Unsatisfiable,
                    $"No other expert can take your seat in the evaluation of {ms} now, so it stays yours. The MEM Unit can see why and widen the pool.", "No replacement can be found")
                : Problems.Refuse(RejectionKind.Unsatisfiable, infeasibility.Summary, "No replacement can be found",
                    new Dictionary<string, object?> { ["unstaffable"] = UnstaffableEvaluation.Of(infeasibility) });
        if (outcome!.Rejection is { } refusal)
            return Problems.For(refusal);
        // The round changed: every evaluation's workflow plans from it again (only this one has anything to apply).
        await doorbell.RingAllAsync(roundId, round.Settings.Countries.Select(c => c.MemberState));
        return byTheExpert ? TypedResults.Ok(new DeclinedSeat(roundId, ms, participantId)) : TypedResults.Ok(AssignmentView.Of(outcome.State!));
    }

    private static async Task<Results<Ok<IReadOnlyList<MyAssignment>>, ProblemHttpResult>> MineAsync(
        HttpContext http, RoundQueries queries, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (caller.Role is not (Role.Geg or Role.Consultant))
            return Problems.Forbidden("Only GEG experts and technical consultants have assignments.");
        var mine = new List<MyAssignment>();
        foreach (var round in (await queries.ListAsync(cancellationToken)).Where(r => r.Status == RoundStatus.Open && r.Assignment is not null))
        {
            var seats = round.Assignment!.Evaluations.Where(e => e.Experts.Contains(caller.Id) || e.Consultant == caller.Id).ToList();
            if (seats.Count == 0)
                continue;
            var evaluations = await queries.EvaluationsAsync(round.RoundId, cancellationToken);
            var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
            foreach (var seat in seats)
            {
                var state = evaluations.GetValueOrDefault(seat.MemberState);
                mine.Add(new MyAssignment(round.RoundId, thematic.Id, thematic.Year, seat.MemberState, MemberStates.NameOf(seat.MemberState),
                    seat.Experts.Contains(caller.Id) ? "expert" : "consultant", state?.Stage,
                    state?.Stage is Stage.InReview or Stage.RevisionRequested or Stage.ConsultantReview ? state.Due : null,
                    round.Settings.Schedule.SubmissionDue, round.Settings.Schedule.DraftDays));
            }
        }
        return TypedResults.Ok<IReadOnlyList<MyAssignment>>(mine);
    }
}
