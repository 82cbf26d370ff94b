using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemWorkflow.Functions.Evaluations;

/// <summary>The evaluation as read for this request; <see cref="Snapshot"/> lets a command decide on it
/// without reading it again (a change in between is caught by its ETag).</summary>
public sealed record FoundEvaluation(RoundState Round, Snapshot<EvaluationState> Snapshot)
{
    public EvaluationState State => Snapshot.State!;
}

/// <summary>Finds an evaluation for a caller, on the rights the core decides (<see cref="EvaluationRights"/>): the
/// role alone refuses before anything is read.</summary>
public sealed class EvaluationAccess(RoundQueries queries)
{
    public async Task<(FoundEvaluation? Found, ProblemHttpResult? Problem)> FindAsync(
        string roundId, string ms, Caller caller, EvaluationRight right, CancellationToken cancellationToken = default)
    {
        if (EvaluationRights.ByRole(caller.Asker, right, roundId, ms) is { } refused)
            return (null, Problems.For(refused));
        var found = await LoadAsync(roundId, ms, cancellationToken);
        return EvaluationRights.Decide(caller.Asker, right, roundId, ms, found?.State) is { } rejection ? (null, Problems.For(rejection)) : (found, null);
    }

    /// <summary>The round and the evaluation, read at once; null when either does not exist (or the ids
    /// are not even well formed, so they never reach a query).</summary>
    private async Task<FoundEvaluation?> LoadAsync(string roundId, string ms, CancellationToken cancellationToken)
    {
        if (!RoundsFunctions.IsRoundId(roundId) || !MemberStates.IsKnown(ms))
            return null;
        var round = queries.GetAsync(roundId, cancellationToken);
        var evaluation = queries.LoadEvaluationAsync(roundId, ms, cancellationToken);
        await Task.WhenAll(round, evaluation);
        return round.Result is { } found && evaluation.Result.State is not null ? new FoundEvaluation(found, evaluation.Result) : null;
    }
}
