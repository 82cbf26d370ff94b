using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Functions.Http;

namespace MemWorkflow.Functions.Storage;

/// <summary>A command's id as recorded: on each of its event rows (<c>CommandId</c>) and in its marker row,
/// added in the same transaction, so the marker exists exactly when the events do. The marker holds the
/// versions the command wrote and the request's fingerprint.</summary>
public sealed record CommandRecord(string Id, string? Fingerprint)
{
    public TableEntity Row(string roundId, string streamId, int firstVersion, int lastVersion, DateTimeOffset now) =>
        new(roundId, RowKeys.Command(streamId, Id))
        {
            ["Stream"] = streamId,
            ["FirstVersion"] = firstVersion,
            ["Version"] = lastVersion,
            ["Fingerprint"] = Fingerprint,
            ["At"] = now,
        };
}

public sealed partial class EventStore
{
    /// <summary>What <paramref name="command"/> committed, if it is recorded on the stream (one point read,
    /// and one read of its events when it is): the stream's state now and the events it wrote. The same key
    /// with a different request is refused (422) and changes nothing.</summary>
    private async Task<Outcome<TState>?> CommittedAsync<TState, TEvent>(
        string roundId, string streamId, StreamKind<TState, TEvent> kind, CommandRecord command, CancellationToken cancellationToken)
        where TState : class where TEvent : class
    {
        var marker = await tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, RowKeys.Command(streamId, command.Id), cancellationToken: cancellationToken);
        if (!marker.HasValue || marker.Value is not { } row)
            return null;
        var (current, _, _) = await LoadAsync(roundId, streamId, kind, cancellationToken);
        if (command.Fingerprint is not null && row.GetString("Fingerprint") is { } recorded && recorded != command.Fingerprint)
            return new Outcome<TState>(current, new Rejection(RejectionKind.KeyReused,
                "This Idempotency-Key was already used for a different request; nothing was changed. Use a new key for a new request."), 0, []);

        var (first, last) = (row.GetInt32("FirstVersion") ?? 0, row.GetInt32("Version") ?? 0);
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and RowKey ge {OData.Quote(RowKeys.Event(streamId, first))} and RowKey le {OData.Quote(RowKeys.Event(streamId, last))}";
        var events = new List<object>();
        await foreach (var stored in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            events.Add(StoredJson.Deserialize<TEvent>(StateChunks.Read(stored, "Data")));
        return new Outcome<TState>(current, null, events.Count, []) { Events = events, Repeated = true };
    }
}
