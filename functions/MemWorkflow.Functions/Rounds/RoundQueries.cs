using Azure.Data.Tables;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Rounds;

public sealed record HistoryEntry(DateTimeOffset At, string Type, string Actor, string ActorName, EvaluationEvent Event, int Version = 0);

/// <summary>A page of a history; <see cref="EarlierBefore"/>: the version to ask for the page before it.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Entries, int? EarlierBefore);

/// <summary>Reads of a round's partition: the header, every evaluation's state row, one history.</summary>
public sealed class RoundQueries(StorageTables tables, EventStore store, RoundIndex index)
{
    /// <summary>The round, or null when the id is not even well formed (so it never reaches a query).</summary>
    public async Task<RoundState?> FindAsync(string roundId, CancellationToken cancellationToken = default) =>
        RoundsFunctions.IsRoundId(roundId) ? await GetAsync(roundId, cancellationToken) : null;

    public async Task<RoundState?> GetAsync(string roundId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(roundId, cancellationToken)).State;

    /// <summary>The round with its version: what a workflow plans from, and says it planned from.</summary>
    public Task<Snapshot<RoundState>> LoadAsync(string roundId, CancellationToken cancellationToken = default) =>
        store.LoadAsync(roundId, RowKeys.RoundStream, RoundStreams.Round, cancellationToken);

    /// <summary>Every round, newest first, found through the round index (one partition), never a scan.</summary>
    public Task<IReadOnlyList<RoundState>> ListAsync(CancellationToken cancellationToken = default) => index.AllRoundsAsync(cancellationToken);

    public Task<Snapshot<EvaluationState>> LoadEvaluationAsync(string roundId, string memberState, CancellationToken cancellationToken = default) =>
        store.LoadAsync(roundId, memberState, RoundStreams.Evaluation, cancellationToken);

    public async Task<IReadOnlyDictionary<string, EvaluationState>> EvaluationsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<string, EvaluationState>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith(RowKeys.StatePrefix)}";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var stream = row.GetString("Stream");
            if (stream != RowKeys.RoundStream)
                states[stream] = StoredJson.Deserialize<EvaluationState>(StateChunks.Read(row));
        }
        return states;
    }

    /// <summary>Each evaluation's stored version, reading only the columns that say it.</summary>
    /// <summary>The version of every stream of the round as stored: each evaluation's by member state, and the
    /// round's own under <see cref="RowKeys.RoundStream"/>.</summary>
    public async Task<IReadOnlyDictionary<string, int>> StreamVersionsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith(RowKeys.StatePrefix)}";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, select: ["Stream", "Version"], cancellationToken: cancellationToken))
        {
            if (row.GetString("Stream") is { } stream)
                versions[stream] = row.GetInt32("Version") ?? 0;
        }
        return versions;
    }

    /// <summary>The streams that have an email whose attempt is due: pending and due, or claimed by a
    /// sender whose claim has lapsed.</summary>
    public async Task<IReadOnlySet<string>> StreamsWithEmailDueAsync(string roundId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var streams = new HashSet<string>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith(RowKeys.OutboxPrefix)} and Status ne {OData.Quote(Notifications.OutboxStatus.Sent)} and Status ne {OData.Quote(Notifications.OutboxStatus.Failed)}";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, select: ["Stream", "Status", "NextAttemptAt", "ClaimedUntil"], cancellationToken: cancellationToken))
        {
            var due = row.GetString("Status") == Notifications.OutboxStatus.Pending ? row.GetDateTimeOffset("NextAttemptAt") : row.GetDateTimeOffset("ClaimedUntil");
            if (due <= now && row.GetString("Stream") is { } stream)
                streams.Add(stream);
        }
        return streams;
    }

    /// <summary>The events of versions <paramref name="from"/> to <paramref name="to"/> of one evaluation: a
    /// range of row keys in the round's partition (event rows are keyed by version).</summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string roundId, string memberState, int from, int to, CancellationToken cancellationToken = default)
    {
        var history = new List<HistoryEntry>();
        if (from > to)
            return history;
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and RowKey ge {OData.Quote(RowKeys.Event(memberState, from))} and RowKey le {OData.Quote(RowKeys.Event(memberState, to))}";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            history.Add(Entry(row));
        return history;
    }

    private static HistoryEntry Entry(TableEntity row) => new(row.GetDateTimeOffset("At")!.Value, row.GetString("Type"), row.GetString("ActorId"),
        row.GetString("ActorName"), StoredJson.Deserialize<EvaluationEvent>(StateChunks.Read(row, "Data")),
        int.Parse(row.RowKey.AsSpan(row.RowKey.LastIndexOf('|') + 1), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A page of an evaluation's history at <paramref name="version"/>: the <paramref name="size"/>
    /// events before <paramref name="before"/> (the newest when null), oldest first.</summary>
    public async Task<HistoryPage> HistoryPageAsync(string roundId, string memberState, int version, int? before, int size, CancellationToken cancellationToken = default)
    {
        var to = Math.Min(version, (before ?? version + 1) - 1);
        var from = Math.Max(1, to - size + 1);
        return new HistoryPage(await HistoryAsync(roundId, memberState, from, to, cancellationToken), from > 1 ? from : null);
    }

    /// <param name="types">Only events of these types (the history's "type"), read by the table's filter; all when none.</param>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string roundId, string memberState, CancellationToken cancellationToken = default, params string[] types)
    {
        var history = new List<HistoryEntry>();
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith(RowKeys.EventPrefix(memberState))}"
            + (types.Length == 0 ? "" : $" and ({string.Join(" or ", types.Select(t => $"Type eq {OData.Quote(t)}"))})");
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            history.Add(Entry(row));
        return history;
    }
}
