using Azure.Data.Tables;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Shell;

namespace MemWorkflow.Functions.Rounds;

public sealed record HistoryEntry(DateTimeOffset At, string Type, string Actor, string ActorName, EvaluationEvent Event);

/// <summary>Reads of a round's partition: the header, every evaluation's state row, one history.</summary>
public sealed class RoundQueries(StorageTables tables, EventStore store)
{
    /// <summary>The round, or null when the id is not even well formed (so it never reaches a query).</summary>
    public async Task<RoundState?> FindAsync(string roundId, CancellationToken cancellationToken = default) =>
        RoundsFunctions.IsRoundId(roundId) ? await GetAsync(roundId, cancellationToken) : null;

    public async Task<RoundState?> GetAsync(string roundId, CancellationToken cancellationToken = default) =>
        (await store.LoadAsync(roundId, RowKeys.RoundStream, RoundStreams.Round, cancellationToken)).State;

    /// <summary>Every round's header row. Headers are one row per round, so this scans the table's
    /// round headers only by row key; rounds are few (about one a year).</summary>
    public async Task<IReadOnlyList<RoundState>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rounds = new List<RoundState>();
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(
            $"RowKey eq '{RowKeys.State(RowKeys.RoundStream)}'", cancellationToken: cancellationToken))
            rounds.Add(StoredJson.Deserialize<RoundState>(StateChunks.Read(row)));
        return rounds.OrderByDescending(r => r.StartedAt).ToList();
    }

    public Task<Snapshot<EvaluationState>> LoadEvaluationAsync(string roundId, string memberState, CancellationToken cancellationToken = default) =>
        store.LoadAsync(roundId, memberState, RoundStreams.Evaluation, cancellationToken);

    public async Task<IReadOnlyDictionary<string, EvaluationState>> EvaluationsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var states = new Dictionary<string, EvaluationState>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq '{roundId}' and {RowKeys.StartsWith(RowKeys.StatePrefix)}";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var stream = row.GetString("Stream");
            if (stream != RowKeys.RoundStream)
                states[stream] = StoredJson.Deserialize<EvaluationState>(StateChunks.Read(row));
        }
        return states;
    }

    /// <summary>Each evaluation's stored version, reading only the columns that say it.</summary>
    public async Task<IReadOnlyDictionary<string, int>> EvaluationVersionsAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq '{roundId}' and {RowKeys.StartsWith(RowKeys.StatePrefix)}";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, select: ["Stream", "Version"], cancellationToken: cancellationToken))
        {
            if (row.GetString("Stream") is { } stream && stream != RowKeys.RoundStream)
                versions[stream] = row.GetInt32("Version") ?? 0;
        }
        return versions;
    }

    /// <summary>The streams that have an email whose attempt is due: pending and due, or claimed by a
    /// sender whose claim has lapsed.</summary>
    public async Task<IReadOnlySet<string>> StreamsWithEmailDueAsync(string roundId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var streams = new HashSet<string>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq '{roundId}' and {RowKeys.StartsWith(RowKeys.OutboxPrefix)} and Status ne '{Notifications.OutboxStatus.Sent}' and Status ne '{Notifications.OutboxStatus.Failed}'";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, select: ["Stream", "Status", "NextAttemptAt", "ClaimedUntil"], cancellationToken: cancellationToken))
        {
            var due = row.GetString("Status") == Notifications.OutboxStatus.Pending ? row.GetDateTimeOffset("NextAttemptAt") : row.GetDateTimeOffset("ClaimedUntil");
            if (due <= now && row.GetString("Stream") is { } stream)
                streams.Add(stream);
        }
        return streams;
    }

    /// <param name="types">Only events of these types (the history's "type"), read by the table's filter; all when none.</param>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string roundId, string memberState, CancellationToken cancellationToken = default, params string[] types)
    {
        var history = new List<HistoryEntry>();
        var filter = $"PartitionKey eq '{roundId}' and {RowKeys.StartsWith(RowKeys.EventPrefix(memberState))}"
            + (types.Length == 0 ? "" : $" and ({string.Join(" or ", types.Select(t => $"Type eq '{t}'"))})");
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            history.Add(new HistoryEntry(row.GetDateTimeOffset("At")!.Value, row.GetString("Type"), row.GetString("ActorId"),
                row.GetString("ActorName"), StoredJson.Deserialize<EvaluationEvent>(row.GetString("Data"))));
        }
        return history;
    }
}
