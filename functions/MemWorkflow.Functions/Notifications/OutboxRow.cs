using Azure.Data.Tables;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;

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
    /// <summary>The text and HTML bodies go over as many properties as they need (a consultant's comments
    /// quoted in HTML can pass Azure's 64 KiB per property).</summary>
    public static TableEntity Create(string roundId, string rowKey, string streamId, Email email, DateTimeOffset now)
    {
        var row = Header(roundId, rowKey, streamId, email, now);
        Storage.StateChunks.Write(row, email.Text ?? "", "Text");
        if (email.Html is not null)
            Storage.StateChunks.Write(row, email.Html, "Html");
        return row;
    }

    private static TableEntity Header(string roundId, string rowKey, string streamId, Email email, DateTimeOffset now) => new(roundId, rowKey)
    {
        ["Stream"] = streamId,
        ["Kind"] = email.Kind,
        ["ToParticipantId"] = email.To.ParticipantId,
        ["ToName"] = email.To.Name,
        ["ToEmail"] = email.To.Email,
        ["Language"] = email.To.Language,
        ["Subject"] = email.Subject,
        ["Status"] = OutboxStatus.Pending,
        ["Attempts"] = 0,
        ["CreatedAt"] = now,
        ["NextAttemptAt"] = now,
    };
}
