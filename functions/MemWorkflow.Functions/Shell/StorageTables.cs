using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Shell;

/// <summary>The app's tables. <c>rounds</c>: one partition per round (header, evaluation states,
/// events, outbox). <c>participants</c>: participants and their token hashes. <c>mailbox</c>: the
/// local development mailbox, the delivery incident and the manual clock's time.</summary>
public sealed class StorageTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly string prefix = options.Value.TablePrefix;

    public TableClient Rounds => service.GetTableClient(prefix + "rounds");

    public TableClient Participants => service.GetTableClient(prefix + "participants");

    public TableClient Mailbox => service.GetTableClient(prefix + "mailbox");

    public IEnumerable<TableClient> All => [Rounds, Participants, Mailbox];

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(All.Select(table => table.CreateIfNotExistsAsync(cancellationToken)));
}
