using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Questionnaires;

public sealed record StoredAnswer(
    string PriorityActionId, AnswerStatus? Status, string Text, IReadOnlyList<string> DocumentIds, int Version, string SavedBy, DateTimeOffset SavedAt,
    string? SavedByName = null);

/// <summary>The narratives of NCE answers: one row per answer in the round's partition, written in the
/// same transaction as the AnswerSaved event; a narrative too long for a row goes to a blob first
/// and the row points at it.</summary>
public sealed class AnswerStore(StorageTables tables, StorageBlobs blobs, IOptions<AnswerOptions> options)
{
    public static string RowKey(string memberState, string priorityActionId) => $"answer|{memberState}|{priorityActionId}";

    /// <summary>Stores a long narrative as a blob (a new one per save: earlier versions stay as history).</summary>
    public async Task<string?> StoreLongTextAsync(string roundId, string memberState, string priorityActionId, string text, CancellationToken cancellationToken)
    {
        if (text.Length <= options.Value.InlineTextChars)
            return null;
        var name = $"{roundId}/{memberState}/{priorityActionId}/{Guid.NewGuid():N}.txt";
        await blobs.Answers.GetBlobClient(name).UploadAsync(BinaryData.FromString(text),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } }, cancellationToken);
        return name;
    }

    public TableEntity Row(string roundId, string memberState, StoredAnswer answer, string? textBlob) =>
        new(roundId, RowKey(memberState, answer.PriorityActionId))
        {
            ["Status"] = answer.Status?.ToString(),
            ["Text"] = textBlob is null ? answer.Text : null,
            ["TextBlob"] = textBlob,
            ["DocumentIds"] = StoredJson.Serialize(answer.DocumentIds),
            ["Version"] = answer.Version,
            ["SavedBy"] = answer.SavedBy,
            ["SavedByName"] = answer.SavedByName,
            ["SavedAt"] = answer.SavedAt,
        };

    public async Task<IReadOnlyDictionary<string, StoredAnswer>> ReadAllAsync(string roundId, string memberState, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq {OData.Quote(roundId)} and {RowKeys.StartsWith($"answer|{memberState}|")}";
        var answers = new Dictionary<string, StoredAnswer>(StringComparer.Ordinal);
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var answer = await FromRowAsync(row, cancellationToken);
            answers[answer.PriorityActionId] = answer;
        }
        return answers;
    }

    public async Task<StoredAnswer?> ReadAsync(string roundId, string memberState, string priorityActionId, CancellationToken cancellationToken)
    {
        var row = await tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, RowKey(memberState, priorityActionId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? await FromRowAsync(entity, cancellationToken) : null;
    }

    /// <summary>Deletes a text blob unless the answer's row points at it: a blob is only ever removed when no
    /// committed row references it (its name is new for each attempt, so no later write can point at it).</summary>
    public async Task DeleteUnreferencedTextAsync(string roundId, string memberState, string priorityActionId, string? textBlob, CancellationToken cancellationToken)
    {
        if (textBlob is null)
            return;
        var row = await tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, RowKey(memberState, priorityActionId), cancellationToken: cancellationToken);
        if (row.HasValue && row.Value?.GetString("TextBlob") == textBlob)
            return;
        await blobs.Answers.GetBlobClient(textBlob).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private async Task<StoredAnswer> FromRowAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var text = row.GetString("TextBlob") is { } blob
            ? (await blobs.Answers.GetBlobClient(blob).DownloadContentAsync(cancellationToken)).Value.Content.ToString()
            : row.GetString("Text") ?? "";
        return new StoredAnswer(row.RowKey.Split('|')[2], (row.GetString("Status") is { Length: > 0 } status ? Enum.Parse<AnswerStatus>(status) : null), text,
            StoredJson.Deserialize<List<string>>(row.GetString("DocumentIds")), row.GetInt32("Version") ?? 0,
            row.GetString("SavedBy"), row.GetDateTimeOffset("SavedAt")!.Value, row.GetString("SavedByName"));
    }
}
