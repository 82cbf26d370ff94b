using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;

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
