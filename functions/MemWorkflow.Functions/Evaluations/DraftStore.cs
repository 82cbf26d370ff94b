using Azure.Data.Tables;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Evaluations;

public sealed record DraftObjective(string ObjectiveId, string Summary, IReadOnlyDictionary<string, string> Assessments, int Version, string SavedBy, DateTimeOffset SavedAt,
    string? SavedByName = null);

/// <summary>The GEG's evaluative summaries: a row per objective in the round's partition, written in the
/// same transaction as the SummarySaved event; a long one goes to the <c>reports</c> container first.</summary>
public sealed class DraftStore(StorageTables tables, StorageBlobs blobs)
{
    private const int InlineChars = 8_000;

    public static string RowKey(string memberState, string objectiveId) => $"draft|{memberState}|{objectiveId}";

    public async Task<string?> StoreLongAsync(string roundId, string memberState, DraftObjective draft, CancellationToken cancellationToken)
    {
        var json = StoredJson.Serialize(draft);
        if (json.Length <= InlineChars)
            return null;
        var name = $"{roundId}/{memberState}/{draft.ObjectiveId}/{Guid.NewGuid():N}.json";
        await blobs.Reports.GetBlobClient(name).UploadAsync(BinaryData.FromString(json), cancellationToken);
        return name;
    }

    /// <summary>Removes the blob of a summary whose save was refused or answered as a repeat, unless the
    /// objective's row points at it: no blob a committed row references is ever removed.</summary>
    public async Task DeleteUnreferencedAsync(string roundId, string memberState, string objectiveId, string? blob, CancellationToken cancellationToken)
    {
        if (blob is null)
            return;
        var row = await tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, RowKey(memberState, objectiveId), cancellationToken: cancellationToken);
        if (row.HasValue && row.Value?.GetString("DraftBlob") == blob)
            return;
        await blobs.Reports.GetBlobClient(blob).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public TableEntity Row(string roundId, string memberState, DraftObjective draft, string? blob) => new(roundId, RowKey(memberState, draft.ObjectiveId))
    {
        ["Draft"] = blob is null ? StoredJson.Serialize(draft) : null,
        ["DraftBlob"] = blob,
        ["Version"] = draft.Version,
    };

    public async Task<IReadOnlyDictionary<string, DraftObjective>> ReadAllAsync(string roundId, string memberState, CancellationToken cancellationToken)
    {
        var drafts = new Dictionary<string, DraftObjective>(StringComparer.Ordinal);
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith($"draft|{memberState}|")}";
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var json = row.GetString("DraftBlob") is { } blob
                ? (await blobs.Reports.GetBlobClient(blob).DownloadContentAsync(cancellationToken)).Value.Content.ToString()
                : row.GetString("Draft");
            // The row's version is the one that counts: a long summary's blob is written before its version is known.
            var draft = StoredJson.Deserialize<DraftObjective>(json) with { Version = row.GetInt32("Version") ?? 0 };
            drafts[draft.ObjectiveId] = draft;
        }
        return drafts;
    }
}
