using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core;
using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Assignments;

public abstract record ProposalOutcome
{
    public sealed record Proposed(StoredProposal Proposal) : ProposalOutcome;

    public sealed record Infeasible(Infeasibility Infeasibility) : ProposalOutcome;
}

/// <summary>Proposal, commitment and decline-and-replace. Nobody is emailed before a commitment; the
/// commitment is one event on the round, then each evaluation learns its reviewers in its own
/// transaction (resumed by the evaluation's workflow when a request stopped halfway, like the questionnaire's issue).</summary>
public sealed class AssignmentCommands(
    AssignmentInputs inputs,
    IAssignmentSolver solver,
    ProposalStore proposals,
    EventStore store,
    EvaluationStore evaluations,
    RoundQueries queries,
    ParticipantDirectory participants,
    TimeProvider clock,
    ILogger<AssignmentCommands> logger)
{
    public async Task<ProposalOutcome> ProposeAsync(RoundState round, int seed, Actor actor, CancellationToken cancellationToken)
    {
        var problem = await inputs.ProblemAsync(round, seed, [], [], cancellationToken);
        switch (solver.Solve(problem, cancellationToken))
        {
            case SolveResult.Infeasible infeasible:
                return new ProposalOutcome.Infeasible(infeasible.Infeasibility);
            case SolveResult.Proposed proposed:
                EnsureValid(problem, proposed.Proposal);
                var stored = await proposals.SaveAsync(round.RoundId, AssignmentInputs.Fingerprint(problem), seed, proposed.Proposal, actor.Id,
                    clock.GetUtcNow(), cancellationToken);
                logger.LogInformation("Proposed assignment {ProposalId} for {RoundId}", stored.ProposalId, round.RoundId);
                return new ProposalOutcome.Proposed(stored);
            default:
                throw new InvalidOperationException("Unknown solver result.");
        }
    }

    /// <summary>The core's validator re-checks every hard rule on what the solver proposed: a proposal
    /// that breaks one is a solver bug, and is never stored or shown.</summary>
    private static void EnsureValid(AssignmentProblem problem, AssignmentProposal proposal)
    {
        if (AssignmentRules.Validate(problem, proposal) is { Count: > 0 } violations)
            throw new InvalidOperationException($"The solver proposed an assignment that breaks the rules: {string.Join("; ", violations)}");
    }

    public async Task<Outcome<RoundState>> CommitAsync(RoundState round, StoredProposal proposal, Actor actor, CancellationToken cancellationToken)
    {
        // A round already assigned is refused by the decider; only an open question needs the current inputs.
        if (round.Assignment is null && AssignmentInputs.Fingerprint(await inputs.ProblemAsync(round, proposal.Seed, [], [], cancellationToken)) != proposal.Fingerprint)
            return new Outcome<RoundState>(round, new Rejection(RejectionKind.Conflict,
                $"Proposal {proposal.ProposalId} was made before participants or declined seats changed; ask for a new proposal."), 0, []);
        var now = clock.GetUtcNow();
        var committed = await store.DecideAsync(round.RoundId, RowKeys.RoundStream, RoundStreams.Round,
            state => RoundDecider.Decide(new CommitAssignment(proposal.ProposalId, proposal.Proposal.Evaluations, actor, now), state),
            (_, _) => [], actor, now, cancellationToken);
        if (!committed.Accepted)
            return committed;
        await ApplyAsync(committed.State!, await participants.ListAsync(null, cancellationToken), await queries.EvaluationsAsync(round.RoundId, cancellationToken), cancellationToken);
        return committed;
    }

    /// <summary>Brings every evaluation in line with the round's committed assignment: assigns the
    /// ones not assigned yet and applies replacements. Idempotent; run after a commitment, a decline,
    /// and at every wake-up of an evaluation's workflow (for that evaluation).</summary>
    public async Task<int> ApplyAsync(
        RoundState round, IReadOnlyList<Participant> everyone, IReadOnlyDictionary<string, EvaluationState> states, CancellationToken cancellationToken)
    {
        if (round.Assignment is not { } assignment || round.Status != RoundStatus.Open)
            return 0;
        var byId = everyone.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var applied = 0;
        foreach (var seats in assignment.Evaluations)
        {
            if (!states.TryGetValue(seats.MemberState, out var evaluation))
                continue;
            var now = clock.GetUtcNow();
            EvaluationCommand? command = EvaluationAgenda.AssignmentDue(round, evaluation) switch
            {
                Duty.AssignReviewers => new AssignReviewers([.. seats.Experts.Select(id => byId[id].ToRecipient())], byId[seats.Consultant].ToRecipient(),
                    round.Settings.Schedule.DraftDays, Actor.System, now),
                Duty.ReplaceReviewer { Decline: var decline } => new ReplaceReviewer(decline.DeclinedId, byId[decline.ReplacementId].ToRecipient(), decline.Reason,
                    everyone.MemUnit(), Actor.System, now),
                _ => null,
            };
            if (command is null)
                continue;
            var outcome = await evaluations.DecideAsync(round, seats.MemberState, command, cancellationToken);
            applied += outcome.EventsWritten > 0 ? 1 : 0;
        }
        return applied;
    }

    /// <summary>Replaces one expert of one evaluation, changing no other seat: every other seat is
    /// locked and the declined seat is never proposed again.</summary>
    /// <param name="byTheExpert">The expert declines their own seat: first decided on the evaluation, with its
    /// stage (<see cref="StepAside"/>), so that a draft submission at the same moment is ordered with it.</param>
    public async Task<(Outcome<RoundState>? Outcome, Infeasibility? Infeasibility)> DeclineAsync(
        RoundState round, string memberState, string expertId, string reason, Actor actor, CancellationToken cancellationToken, bool byTheExpert = false)
    {
        var assignment = round.Assignment!;
        var lockedExperts = assignment.Evaluations
            .SelectMany(e => e.Experts.Where(x => !(e.MemberState == memberState && x == expertId)).Select(x => new Seat(e.MemberState, x)))
            .ToList();
        var lockedConsultants = assignment.Evaluations.Select(e => new Seat(e.MemberState, e.Consultant)).ToList();
        var problem = await inputs.ProblemAsync(round, 0, lockedExperts, lockedConsultants, cancellationToken);
        problem = problem with { Declined = [.. problem.Declined, new Seat(memberState, expertId)] };
        var result = solver.Solve(problem, cancellationToken);
        if (result is SolveResult.Infeasible infeasible)
            return (null, infeasible.Infeasibility);
        var proposal = ((SolveResult.Proposed)result).Proposal;
        EnsureValid(problem, proposal);
        var replacement = proposal.Evaluations.Single(e => e.MemberState == memberState).Experts
            .Single(x => !assignment.For(memberState)!.Experts.Contains(x));
        var now = clock.GetUtcNow();
        if (byTheExpert && (await queries.LoadEvaluationAsync(round.RoundId, memberState, cancellationToken)).State is not null)
        {
            var stepped = await evaluations.DecideAsync(round, memberState, new StepAside(expertId, reason, actor, now), cancellationToken);
            if (stepped.Rejection is { } refused)
                return (new Outcome<RoundState>(round, refused, 0, []), null);
        }
        var replaced = await store.DecideAsync(round.RoundId, RowKeys.RoundStream, RoundStreams.Round,
            state => RoundDecider.Decide(new ReplaceExpert(memberState, expertId, replacement, reason, actor, now), state), (_, _) => [], actor, now, cancellationToken);
        if (replaced.Accepted)
            await ApplyAsync(replaced.State!, await participants.ListAsync(null, cancellationToken), await queries.EvaluationsAsync(round.RoundId, cancellationToken), cancellationToken);
        return (replaced, null);
    }
}
