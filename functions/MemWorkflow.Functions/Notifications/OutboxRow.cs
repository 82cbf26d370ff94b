using Azure.Data.Tables;
using MemWorkflow.Core.Notifications;

namespace MemWorkflow.Functions.Notifications;

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}

/// <summary>One email owed to one person, stored in the round's partition beside the event that
/// caused it. The dispatcher moves it from pending to sent (or failed).</summary>
public static class OutboxRow
{
    public static TableEntity Create(string roundId, string rowKey, string streamId, Email email, DateTimeOffset now) => new(roundId, rowKey)
    {
        ["Stream"] = streamId,
        ["Kind"] = email.Kind,
        ["ToParticipantId"] = email.To.ParticipantId,
        ["ToName"] = email.To.Name,
        ["ToEmail"] = email.To.Email,
        ["Language"] = email.To.Language,
        ["Subject"] = email.Subject,
        ["Text"] = email.Text,
        ["Html"] = email.Html,
        ["Status"] = OutboxStatus.Pending,
        ["Attempts"] = 0,
        ["CreatedAt"] = now,
        ["NextAttemptAt"] = now,
    };
}
