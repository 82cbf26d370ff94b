using Azure.Data.Tables;
using MemWorkflow.Functions.Http;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Storage;

/// <summary>The app's tables. <c>rounds</c>: one partition per round (header, evaluation states,
/// events, outbox). <c>participants</c>: participants and their token hashes. <c>mailbox</c>: the
/// local development mailbox, the delivery incident and the manual clock's time. <c>index</c>: index rows
/// and migration markers. <c>signins</c>: sign-in links and the per-address request counts, apart from the
/// participants that every signed-in request reads, so a flood of sign-in requests does not write there.</summary>
public sealed class StorageTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly string prefix = options.Value.TablePrefix;

    public TableClient Rounds => service.GetTableClient(prefix + "rounds");

    public TableClient Participants => service.GetTableClient(prefix + "participants");

    public TableClient Mailbox => service.GetTableClient(prefix + "mailbox");

    /// <summary>Index rows that find rounds and published reports without scanning <see cref="Rounds"/>,
    /// and the markers of one-time migrations.</summary>
    public TableClient Index => service.GetTableClient(prefix + "index");

    /// <summary>One partition per row (a link's or an address's hash): no hot partition under a flood; expired
    /// rows are deleted by <see cref="MemWorkflow.Functions.Participants.SignInQueue"/>.</summary>
    public TableClient SignIns => service.GetTableClient(prefix + "signins");

    public IEnumerable<TableClient> All => [Rounds, Participants, Mailbox, Index, SignIns];

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(All.Select(table => table.CreateIfNotExistsAsync(cancellationToken)));
}

public static class TableRows
{
    /// <summary>Deletes the row whatever its version; one already gone (deleted at the same moment) is no error.</summary>
    public static async Task DeleteIfExistsAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, Azure.ETag.All, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
