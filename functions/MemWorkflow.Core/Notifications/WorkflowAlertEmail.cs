
namespace MemWorkflow.Core.Notifications;

/// <summary>The MEM Unit's alert about a workflow whose step keeps failing, in the MEM Unit member's
/// language: sent once per incident, straight from the activity that records the failure.</summary>
public static class WorkflowAlertEmail
{
    public const string Kind = EmailKind.WorkflowAlert;

    /// <param name="memberState">The evaluation's member state; null or empty for the round's own workflow.</param>
    public static Email For(Recipient memUnit, string roundId, string? memberState, DateTimeOffset since, int failures, string lastError, Uri portal)
    {
        var context = new EvaluationContext(roundId, "", DeliveryAlertEmail.YearOf(roundId), memberState ?? "", portal);
        var page = string.IsNullOrEmpty(memberState) ? new Uri(portal, $"rounds/{roundId}/outbox") : new Uri(portal, $"rounds/{roundId}/countries/{memberState}");
        return EvaluationEmails.Render(memUnit, Kind, t => t.WorkflowAlert(memUnit, context, page, since, failures, lastError));
    }
}
