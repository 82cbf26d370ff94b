using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;

using static MemWorkflow.Core.Notifications.EvaluationEmails;

namespace MemWorkflow.Core.Notifications;

/// <summary>Emails as the draft evaluation moves from the GEG to the consultant, the country, the MEM
/// Unit and publication: each tells its recipients what they now have to do, and by when.</summary>
public static class DraftEmails
{
    public static IEnumerable<Email> For(EvaluationEvent @event, EvaluationContext c) => @event switch
    {
        DraftSubmitted { NextStage: Stage.ConsultantReview } s => s.Recipients.Select(to => Render(to, EmailKind.ConsultantReviewRequested,
            t => t.ConsultantReviewRequested(to, c, s.Iteration, s.Due))),
        DraftSubmitted s => s.Recipients.Select(to => Render(to, EmailKind.ApprovalRequested, t => t.RevisedDraftForApproval(to, c, s.Due))),
        DraftApproved { NextStage: Stage.CountryReview } a => a.Recipients.Select(to => Render(to, EmailKind.CountryReview, t => t.CountryReview(to, c, a.Due))),
        DraftApproved a => a.Recipients.Select(to => Render(to, EmailKind.ApprovalRequested, t => t.DraftForApproval(to, c, a.Due))),
        ChangesRequested r => r.Recipients.Select(to => Render(to, EmailKind.ChangesRequested, t => t.ChangesRequested(to, c, r.Iteration, r.Comments, r.Due))),
        CountryCommented { Accepted: true } a => a.Recipients.Select(to => Render(to, EmailKind.CountryCommented, t => t.CountryAccepted(to, c, a.Text, a.Due))),
        CountryCommented k => k.Recipients.Select(to => Render(to, EmailKind.CountryCommented, t => t.CountryCommented(to, c, k.Text, k.Due))),
        CountryReviewLapsed l => l.Recipients.Select(to => Render(to, EmailKind.ApprovalRequested, t => t.CountryReviewLapsed(to, c, l.Due, l.ApprovalDue))),
        ReportPublished p => p.Recipients.Select(to => Render(to, EmailKind.Published, t => t.Published(to, c, p.At))),
        _ => [],
    };
}
