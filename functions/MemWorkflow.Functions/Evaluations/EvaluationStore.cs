using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Evaluations;

/// <summary>Every command on an evaluation goes through here: decided by <see cref="EvaluationDecider"/>
/// against the stored state and appended, with the emails its events imply, in one transaction with
/// If-Match (<see cref="EventStore.DecideAsync"/>).</summary>
public sealed class EvaluationStore(EventStore store, IOptions<MemOptions> options)
{
    public Task<Outcome<EvaluationState>> DecideAsync(
        RoundState round, string memberState, EvaluationCommand command, CancellationToken cancellationToken,
        Func<IReadOnlyList<EvaluationEvent>, IEnumerable<TableTransactionAction>>? rows = null, Snapshot<EvaluationState>? known = null) =>
        DecideAsync(round, memberState, _ => command, command.Actor, command.Now, cancellationToken, rows, known);

    /// <summary>A command that depends on the state it is decided against (who is assigned at that moment):
    /// built again on each attempt.</summary>
    public Task<Outcome<EvaluationState>> DecideAsync(
        RoundState round, string memberState, Func<EvaluationState?, EvaluationCommand> command, Actor actor, DateTimeOffset now,
        CancellationToken cancellationToken,
        Func<IReadOnlyList<EvaluationEvent>, IEnumerable<TableTransactionAction>>? rows = null, Snapshot<EvaluationState>? known = null) =>
        store.DecideAsync(round.RoundId, memberState, RoundStreams.Evaluation, state => EvaluationDecider.Decide(command(state), state),
            RoundStreams.EmailsFor(round, memberState, options.Value.PortalBaseUrl), actor, now, cancellationToken, rows, known);
}
