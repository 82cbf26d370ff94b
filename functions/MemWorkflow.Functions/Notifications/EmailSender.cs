using Azure.Data.Tables;
using MemWorkflow.Functions.Shell;

namespace MemWorkflow.Functions.Notifications;

/// <summary>One message as it leaves the outbox, with what a delivery service needs to trace it.</summary>
public sealed record OutgoingEmail(
    string OutboxId, string RoundId, string MemberState, string Kind,
    string ToEmail, string ToName, string Language, string Subject, string Text, string? Html = null);

/// <summary>How one delivery attempt ended. <see cref="Permanent"/>: retrying cannot help (a 4xx other
/// than 401, 403 and 429: those are the provider's or the account's state, not this message's).
/// <see cref="RetryAfter"/>: the provider said when to come back.</summary>
public sealed record SendResult(bool Delivered, string? ProviderMessageId, string? Error, bool Permanent = false, TimeSpan? RetryAfter = null)
{
    public static SendResult Sent(string? messageId) => new(true, messageId, null);
}

public interface IEmailSender
{
    Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken = default);
}

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
