using System.Globalization;

namespace MemWorkflow.Core.Notifications;

/// <summary>The MEM Unit's alert about a message the dispatcher gave up on, in the MEM Unit member's
/// language. Pure: the dispatcher writes it to the outbox like any other email.</summary>
public static class DeliveryAlertEmail
{
    public const string Kind = EmailKind.DeliveryAlert;

    /// <param name="memUnit">Who is alerted; the alert is in their first language.</param>
    /// <param name="failedTo">The address the failed message was for.</param>
    /// <param name="kind">The failed message's <see cref="EmailKind"/>.</param>
    /// <param name="roundId">The round, "r{year}-{hex}": the year is read from it for the subject.</param>
    /// <param name="memberState">The evaluation's member state code (the outbox row's stream); empty when none.</param>
    /// <param name="portal">The portal's base address: the alert links the round's outbox, where the message can be retried by hand.</param>
    public static Email For(
        Recipient memUnit, string failedTo, string kind, string subject, string roundId, string? memberState, int attempts, string lastError, Uri portal)
    {
        var context = new EvaluationContext(roundId, "", YearOf(roundId), memberState ?? "", portal);
        var outbox = new Uri(portal, $"rounds/{roundId}/outbox");
        return EvaluationEmails.Render(memUnit, Kind, t => t.DeliveryAlert(memUnit, context, outbox, failedTo, kind, subject, attempts, lastError));
    }

    /// <summary>2023 for "r2023-0a1b2c3d"; 0 (no year in the subject) for anything else.</summary>
    internal static int YearOf(string roundId) =>
        roundId.Length >= 6 && roundId[0] == 'r' && roundId[5] == '-'
        && int.TryParse(roundId.AsSpan(1, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : 0;
}
