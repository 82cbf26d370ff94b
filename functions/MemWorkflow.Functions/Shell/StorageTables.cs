using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Shell;

/// <summary>The app's tables. <c>rounds</c>: one partition per round (header, evaluation states,
/// events, outbox). <c>participants</c>: participants and their token hashes. <c>mailbox</c>: the
/// local development mailbox, the delivery incident and the manual clock's time. <c>index</c>: index rows
/// and migration markers.</summary>
public sealed class StorageTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly string prefix = options.Value.TablePrefix;

    public TableClient Rounds => service.GetTableClient(prefix + "rounds");

    public TableClient Participants => service.GetTableClient(prefix + "participants");

    public TableClient Mailbox => service.GetTableClient(prefix + "mailbox");

    /// <summary>Index rows that find rounds and published reports without scanning <see cref="Rounds"/>,
    /// and the markers of one-time migrations.</summary>
    public TableClient Index => service.GetTableClient(prefix + "index");

    public IEnumerable<TableClient> All => [Rounds, Participants, Mailbox, Index];

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(All.Select(table => table.CreateIfNotExistsAsync(cancellationToken)));
}
