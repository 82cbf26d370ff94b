using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Core.Notifications;

/// <summary>The emails each evaluation event implies, each in its recipient's language, as text and
/// HTML. Pure: the shell writes them to the outbox.</summary>
public static class EvaluationEmails
{
    public static IEnumerable<Email> For(EvaluationEvent @event, EvaluationContext context) => @event switch
    {
        QuestionnaireIssued issued => issued.Recipients.Select(to => Render(to, EmailKind.QuestionnaireIssued,
            t => t.QuestionnaireIssued(to, context, issued.PriorityActionIds.Count, issued.Due))),
        DeadlineExtended extended => extended.Recipients.Select(to => Render(to, EmailKind.DeadlineExtended,
            t => t.DeadlineExtended(to, context, extended.PreviousDue, extended.Due, extended.Reason))),
        EvaluationWithdrawn withdrawn => withdrawn.Recipients.Select(to => Render(to, EmailKind.EvaluationWithdrawn,
            t => t.EvaluationWithdrawn(to, context, withdrawn.Reason))),
        ReminderRecorded recorded => recorded.Recipients.Select(to => Reminded(to, recorded, context)),
        QuestionnaireSubmitted submitted => submitted.Recipients
            .Select(to => Render(to, EmailKind.SubmissionReceived, t => t.SubmissionReceived(to, context, submitted)))
            .Concat(submitted.MemUnit.Select(to => Render(to, EmailKind.SubmissionReceived, t => t.SubmissionNotice(to, context, submitted)))),
        ReviewersAssigned or ReviewStarted or ReviewerReplaced => ReviewEmails.For(@event, context),
        DraftSubmitted or DraftApproved or ChangesRequested or CountryCommented or CountryReviewLapsed or ReportPublished => DraftEmails.For(@event, context),
        _ => [],
    };

    private static Email Reminded(Recipient to, ReminderRecorded r, EvaluationContext c) => r.Milestone.Kind switch
    {
        MilestoneKind.Reminder => Render(to, EmailKind.Reminder, t => t.Reminder(to, c, r.Stage, r.Due, r.Milestone.Days)),
        MilestoneKind.Overdue => Render(to, EmailKind.Overdue, t => t.Overdue(to, c, r.Stage, r.Due)),
        _ => Render(to, EmailKind.Escalation, t => t.Escalation(to, c, r.Stage, r.Due, r.Milestone.Days)),
    };

    /// <summary>Writes one email in the recipient's first language (English when it is not an OAS language).</summary>
    internal static Email Render(Recipient to, string kind, Func<EmailTemplates, Message> write) =>
        MessageRenderer.ToEmail(write(EmailTemplates.For(to.Language)), to, kind);
}
