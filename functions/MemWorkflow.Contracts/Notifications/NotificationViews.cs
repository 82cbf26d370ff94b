namespace MemWorkflow.Contracts.Notifications;

/// <summary>One email of a round's outbox as the MEM Unit sees it; <see cref="Status"/> is pending,
/// sending, sent or failed.</summary>
public sealed record OutboxMessage(
    string Id, string To, string Kind, string Subject, string Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, string? ProviderMessageId);

/// <summary>How many failed messages a retry of the whole outbox made pending again.</summary>
public sealed record OutboxRetried(int Retried);

/// <summary>Something that keeps failing and needs a person: email delivery refused for an hour, an
/// evaluation's workflow step failing for an hour. <see cref="Key"/> names what fails (one incident per
/// thing), <see cref="Kind"/> groups them ("delivery", "workflow").</summary>
public sealed record Incident(string Key, string Kind, string Subject, DateTimeOffset FailingSince, DateTimeOffset OpenedAt, string? LastError);
