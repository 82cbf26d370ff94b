using MemWorkflow.Core.Workflow;

namespace MemWorkflow.Core.Notifications;

/// <summary>The MEM Unit's alert about a message that could not be delivered.</summary>
public static class DeliveryAlertEmail
{
    public const string Kind = "deliveryAlert";

    public static Email For(Recipient memUnit, string failedTo, string kind, string subject, string roundId, string memberState, int attempts, string lastError, Uri portal) => new(
        memUnit, Kind,
        $"MEM: an email to {failedTo} could not be delivered",
        $"""
        Dear {memUnit.Name},

        An email of round {roundId} ({memberState}) could not be delivered after {attempts} attempt(s).
        To: {failedTo}
        Kind: {kind}
        Subject: {subject}
        Last error: {lastError}

        It is kept in the round's outbox and can be retried by hand: {new Uri(portal, $"rounds/{roundId}/outbox")}
        """);
}
