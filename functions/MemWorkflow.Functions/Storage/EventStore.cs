using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;

namespace MemWorkflow.Functions.Storage;

/// <summary>A kind of stream in a round's partition: how its state evolves and what its events are called.</summary>
public sealed record StreamKind<TState, TEvent>(string Name, Func<TState?, TEvent, TState> Evolve)
    where TState : class where TEvent : class;

/// <summary>The result of one command: the state after it, or why it was refused.</summary>
public sealed record Outcome<TState>(TState? State, Rejection? Rejection, int EventsWritten, IReadOnlyList<string> OutboxRowKeys)
{
    public bool Accepted => Rejection is null;

    /// <summary>The events this command recorded: just now, or earlier when <see cref="Repeated"/>.</summary>
    public IReadOnlyList<object> Events { get; init; } = [];

    /// <summary>The command had already been recorded (same command id): nothing was decided again, and
    /// <see cref="Events"/> are the ones it committed then.</summary>
    public bool Repeated { get; init; }
}

/// <summary>A stream's state row as read: its state (null before the first event), version and ETag.</summary>
public sealed record Snapshot<TState>(TState? State, int Version, ETag ETag) where TState : class
{
    /// <summary>A stream with no events yet.</summary>
    public static Snapshot<TState> New { get; } = new(null, 0, default);
}

/// <summary>The whole persistence story: load the stream's state row, decide, and append the events,
/// the new state (If-Match) and the outbox rows the events imply in one entity-group transaction.
/// Someone else moving first (412/409) means: read again and decide again. A caller that already holds
/// the stream's state row (<c>known</c>: just read, or <see cref="Snapshot{TState}.New"/> for a stream it
/// creates) skips the first read; if that snapshot is stale, the write fails with 412/409 and the next
/// attempt reads as usual. Every command carries an id (<see cref="CommandScope"/>) recorded with its
/// events; one already recorded is answered with what it committed, never decided again.</summary>
public sealed partial class EventStore(StorageTables tables, ILogger<EventStore> logger)
{
    public const int MaxAttempts = 12;

    public async Task<Outcome<TState>> DecideAsync<TState, TEvent>(
        string roundId,
        string streamId,
        StreamKind<TState, TEvent> kind,
        Func<TState?, Decision<TEvent>> decide,
        Func<TEvent, TState, IEnumerable<Email>> emails,
        Actor actor,
        DateTimeOffset now,
        CancellationToken cancellationToken = default,
        Func<IReadOnlyList<TEvent>, IEnumerable<TableTransactionAction>>? rows = null,
        Snapshot<TState>? known = null)
        where TState : class where TEvent : class
    {
        var scope = CommandScope.Current;
        var command = new CommandRecord(scope?.IdFor(streamId) ?? Guid.NewGuid().ToString("N"), scope?.Fingerprint);
        // A client's key may already be recorded (a repeat of a request whose response it never got).
        if (scope?.FromClient == true && await CommittedAsync(roundId, streamId, kind, command, cancellationToken) is { } repeated)
            return repeated;
        for (var attempt = 1; ; attempt++)
        {
            var (stored, version, etag) = attempt == 1 && known is not null ? known : await LoadAsync(roundId, streamId, kind, cancellationToken);
            var decision = decide(stored);
            if (decision is Decision<TEvent>.Rejected rejected)
                return new Outcome<TState>(stored, rejected.Rejection, 0, []);
            var events = ((Decision<TEvent>.Accepted)decision).Events;
            if (events.Count == 0)
                return new Outcome<TState>(stored, null, 0, []);

            var (actions, state, outbox) = Append(roundId, streamId, kind, stored, version, etag, events, emails, actor, now, command);
            if (rows is not null)
                actions.InsertRange(actions.Count - 1, rows(events));
            try
            {
                TableLimits.EnsureWithin(actions);
                await tables.Rounds.SubmitTransactionAsync(actions, cancellationToken);
                return new Outcome<TState>(state, null, events.Count, outbox) { Events = events };
            }
            catch (TableLimitExceededException e)
            {
                // The deciders' caps keep every value far below Azure's limits; should one still be
                // reached, the command is refused as too large and nothing is written, never a 500.
                logger.LogError(e, "A command on {RoundId} {Stream} would exceed a storage limit; refused", roundId, streamId);
                return new Outcome<TState>(stored, new Rejection(RejectionKind.TooLarge,
                    "This change is too large to be stored; nothing was saved. Shorten the text or split the change."), 0, []);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else moved first, or the Azure SDK retried a transaction whose response was lost
                // and whose first attempt committed: then the command is done, and is answered as done.
                if (await CommittedAsync(roundId, streamId, kind, command, cancellationToken) is { } committed)
                    return committed;
                if (attempt >= MaxAttempts)
                    return new Outcome<TState>(stored, new Rejection(RejectionKind.Conflict,
                        "Others changed this evaluation at the same moment; nothing was saved. Please try again."), 0, []);
                logger.LogDebug("Concurrent change on {RoundId} {Stream}, deciding again (attempt {Attempt})", roundId, streamId, attempt);
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    public async Task<Snapshot<TState>> LoadAsync<TState, TEvent>(
        string roundId, string streamId, StreamKind<TState, TEvent> kind, CancellationToken cancellationToken = default)
        where TState : class where TEvent : class
    {
        var row = await tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, RowKeys.State(streamId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new(StoredJson.Deserialize<TState>(StateChunks.Read(entity)), entity.GetInt32("Version") ?? 0, entity.ETag)
            : Snapshot<TState>.New;
    }

    private static (List<TableTransactionAction>, TState, List<string>) Append<TState, TEvent>(
        string roundId, string streamId, StreamKind<TState, TEvent> kind, TState? state, int version, ETag etag,
        IReadOnlyList<TEvent> events, Func<TEvent, TState, IEnumerable<Email>> emails, Actor actor, DateTimeOffset now, CommandRecord command)
        where TState : class where TEvent : class
    {
        var actions = new List<TableTransactionAction>();
        var first = version + 1;
        var outbox = new List<string>();
        foreach (var @event in events)
        {
            state = kind.Evolve(state, @event);
            version++;
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(roundId, RowKeys.Event(streamId, version))
            {
                ["Stream"] = streamId,
                ["Type"] = StreamEvents.TypeName(@event),
                ["ActorId"] = actor.Id,
                ["ActorName"] = actor.Name,
                ["At"] = now,
                ["CommandId"] = command.Id,
            }));
            StateChunks.Write((TableEntity)actions[^1].Entity, StoredJson.Serialize(@event), "Data");
            foreach (var (email, index) in emails(@event, state).Select((e, i) => (e, i)))
            {
                var rowKey = RowKeys.Outbox(streamId, version, index);
                outbox.Add(rowKey);
                actions.Add(new(TableTransactionActionType.Add, OutboxRow.Create(roundId, rowKey, streamId, email, now)));
            }
        }

        var stateRow = new TableEntity(roundId, RowKeys.State(streamId))
        {
            ["Stream"] = streamId,
            ["Kind"] = kind.Name,
            ["Version"] = version,
            ["UpdatedAt"] = now,
        };
        StateChunks.Write(stateRow, StoredJson.Serialize(state));
        actions.Add(new(TableTransactionActionType.Add, command.Row(roundId, streamId, first, version, now)));
        actions.Add(etag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, stateRow)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateRow, etag));
        return (actions, state!, outbox);
    }
}
