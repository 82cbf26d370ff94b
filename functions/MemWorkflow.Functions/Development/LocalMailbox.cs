using Azure.Data.Tables;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Development;

public sealed record MailboxEntry(
    string Id, string RoundId, string MemberState, string To, string ToName, string Subject, string Text, DateTimeOffset SentAt, string Category);

/// <summary>The development mailbox: messages are kept in a table and read at <c>GET /api/dev/mail</c>.
/// Keyed by outbox id, so a message sent twice is kept once.</summary>
public sealed class LocalMailboxSender(StorageTables tables, TimeProvider clock) : IEmailSender
{
    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        var id = $"{email.RoundId}|{email.OutboxId}";
        var row = new TableEntity("mail", id)
        {
            ["RoundId"] = email.RoundId,
            ["MemberState"] = email.MemberState,
            ["To"] = email.ToEmail,
            ["ToName"] = email.ToName,
            ["Subject"] = email.Subject,
            ["Category"] = email.Kind,
            ["SentAt"] = clock.GetUtcNow(),
        };
        StateChunks.Write(row, email.Text ?? "", "Text");
        await tables.Mailbox.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return SendResult.Sent(id);
    }

    public async Task<IReadOnlyList<MailboxEntry>> ReadAsync(string? roundId, string? to, CancellationToken cancellationToken = default)
    {
        var filter = roundId is null ? "PartitionKey eq 'mail'" : $"PartitionKey eq 'mail' and {RowKeys.StartsWith(roundId + "|")}";
        var entries = new List<MailboxEntry>();
        await foreach (var row in tables.Mailbox.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (to is not null && !string.Equals(row.GetString("To"), to, StringComparison.OrdinalIgnoreCase))
                continue;
            entries.Add(new MailboxEntry(row.RowKey, row.GetString("RoundId"), row.GetString("MemberState"), row.GetString("To"),
                row.GetString("ToName"), row.GetString("Subject"), StateChunks.Read(row, "Text"), row.GetDateTimeOffset("SentAt")!.Value, row.GetString("Category")));
        }
        return entries.OrderBy(e => e.SentAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }
}
