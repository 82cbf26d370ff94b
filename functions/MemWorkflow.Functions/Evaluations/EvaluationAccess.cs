using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemWorkflow.Functions.Evaluations;

public enum EvaluationRight
{
    /// <summary>The MEM Unit and the state's NCE.</summary>
    Read,
    /// <summary>The state's NCE only: answering and uploading are the country's own acts.</summary>
    NceWrite,
    /// <summary>The MEM Unit, the state's NCE, and the GEG experts and consultant assigned to it (never
    /// an expert of the evaluated state): who reads the submission and its means of verification.</summary>
    Submission,
    /// <summary>The GEG experts assigned to it: writing the draft. Others of their role are refused (403).</summary>
    Draft,
    /// <summary>The consultant assigned to it: feedback on the draft. Others of their role are refused (403).</summary>
    Feedback,
}

/// <summary>The evaluation as read for this request; <see cref="Snapshot"/> lets a command decide on it
/// without reading it again (a change in between is caught by its ETag).</summary>
public sealed record FoundEvaluation(RoundState Round, Snapshot<EvaluationState> Snapshot)
{
    public EvaluationState State => Snapshot.State!;
}

/// <summary>Finds an evaluation for a caller, per resource: the MEM Unit sees every evaluation, an
/// NCE only its own state's, and a caller who may not even know another state's evaluation exists is
/// told it does not (404). A known role that never may do this is told so (403).</summary>
public sealed class EvaluationAccess(RoundQueries queries)
{
    public async Task<(FoundEvaluation? Found, ProblemHttpResult? Problem)> FindAsync(
        string roundId, string ms, Caller caller, EvaluationRight right, CancellationToken cancellationToken = default)
    {
        var notFound = Problems.NotFound($"No evaluation of {Short(ms)} in round {Short(roundId)} that you can see.");
        if (right is EvaluationRight.Draft or EvaluationRight.Feedback)
            return await FindAssignedAsync(roundId, ms, caller, right, notFound, cancellationToken);
        var allowedRole = right switch
        {
            EvaluationRight.NceWrite => caller.Role == Role.Nce,
            EvaluationRight.Read => caller.Role is Role.MemUnit or Role.Nce,
            _ => true,
        };
        if (!allowedRole)
            return (null, Problems.Forbidden(right == EvaluationRight.NceWrite
                ? $"Only the NCE of {Short(ms)} answers its questionnaire and uploads its means of verification."
                : "Only the MEM Unit and the country's NCE read an evaluation before it is assigned."));
        if (caller.Role == Role.Nce && !caller.IsNceOf(ms) || caller.Role == Role.Geg && caller.MemberState == ms)
            return (null, notFound);
        if (await LoadAsync(roundId, ms, cancellationToken) is not { } found)
            return (null, notFound);
        var state = found.State;
        if (caller.Role is Role.Geg or Role.Consultant && !state.Experts.Contains(caller.Id) && state.Consultant != caller.Id)
            return (null, notFound);
        if (caller.Role is Role.Geg or Role.Consultant && state.SubmittedAt is null)
            return (null, TypedResults.Problem($"{ms} has not submitted its questionnaire yet; you will be emailed when it has.",
                statusCode: StatusCodes.Status409Conflict, title: "Not submitted yet"));
        return (found, null);
    }

    /// <summary>The assigned expert (drafting) or consultant (feedback). An expert of the evaluated state,
    /// or another state's NCE, is told the evaluation does not exist; anyone else that they may not.</summary>
    private async Task<(FoundEvaluation?, ProblemHttpResult?)> FindAssignedAsync(
        string roundId, string ms, Caller caller, EvaluationRight right, ProblemHttpResult notFound, CancellationToken cancellationToken)
    {
        var role = right == EvaluationRight.Draft ? Role.Geg : Role.Consultant;
        var forbidden = Problems.Forbidden(role == Role.Geg
            ? "Only the GEG experts assigned to this evaluation write its draft."
            : "Only the technical consultant assigned to this evaluation gives feedback on it.");
        if (caller.Role != role)
            return (null, caller.Role == Role.Nce && !caller.IsNceOf(ms) ? notFound : forbidden);
        if (caller.Role == Role.Geg && caller.MemberState == ms || await LoadAsync(roundId, ms, cancellationToken) is not { } found)
            return (null, notFound);
        var assigned = role == Role.Geg ? found.State.Experts.Contains(caller.Id) : found.State.Consultant == caller.Id;
        return assigned ? (found, null) : (null, forbidden);
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

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
