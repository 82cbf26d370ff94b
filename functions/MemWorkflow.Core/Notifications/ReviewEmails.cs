using MemWorkflow.Core.Evaluations;

using static MemWorkflow.Core.Notifications.EvaluationEmails;

namespace MemWorkflow.Core.Notifications;

/// <summary>Emails to the GEG experts, the consultant and the MEM Unit about who evaluates a country.</summary>
public static class ReviewEmails
{
    public static IEnumerable<Email> For(EvaluationEvent @event, EvaluationContext c) => @event switch
    {
        ReviewersAssigned a => a.Experts.Select(to => Render(to, EmailKind.Assignment, t => t.Assigned(to, c, false, a.SubmissionDue, a.DraftDays)))
            .Append(Render(a.Consultant, EmailKind.Assignment, t => t.Assigned(a.Consultant, c, true, a.SubmissionDue, a.DraftDays))),
        ReviewStarted s => s.Experts.Select(to => Render(to, EmailKind.SubmissionReady, t => t.SubmissionReady(to, c, s.Due))),
        ReviewerReplaced r => r.MemUnit.Select(to => Render(to, EmailKind.ExpertDeclined, t => t.ExpertDeclined(to, c, r.DeclinedId, r.Reason, r.Replacement)))
            .Prepend(Render(r.Replacement, EmailKind.Assignment, t => t.Replacement(r.Replacement, c, r.Due))),
        _ => [],
    };
}
