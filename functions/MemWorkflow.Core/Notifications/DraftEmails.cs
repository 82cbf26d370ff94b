using MemWorkflow.Core.Rounds;
using MemWorkflow.Core.Workflow;
using static MemWorkflow.Core.Notifications.EvaluationEmails;

namespace MemWorkflow.Core.Notifications;

/// <summary>Emails as the draft evaluation moves from the GEG to the consultant, the country, the MEM
/// Unit and publication: each tells its recipients what they now have to do, and by when.</summary>
public static class DraftEmails
{
    public static IEnumerable<Email> For(EvaluationEvent @event, EvaluationContext c) => @event switch
    {
        DraftSubmitted { NextStage: Stage.ConsultantReview } s => s.Recipients.Select(to => Mail(to, EmailKind.ConsultantReviewRequested,
            $"MEM {c.Year}: draft evaluation of {c.CountryName} ready for your review",
            $"The GEG experts have submitted the draft evaluation of {c.CountryName} (iteration {s.Iteration}). Please approve it or request changes by {Stamp(s.Due)}.", c)),
        DraftSubmitted s => s.Recipients.Select(to => Mail(to, EmailKind.ApprovalRequested,
            $"MEM {c.Year}: revised draft of {c.CountryName} ready for approval",
            $"The GEG experts revised the draft of {c.CountryName} after the country's comments. It awaits approval by {Stamp(s.Due)}.", c)),
        DraftApproved { NextStage: Stage.CountryReview } a => a.Recipients.Select(to => Mail(to, EmailKind.CountryReview,
            $"MEM {c.Year}: the draft evaluation of {c.CountryName} is ready for your review",
            $"The draft evaluation of {c.CountryName} is ready. You may comment on it, or accept it, until {Stamp(a.Due)}; without an answer by then it proceeds to approval.", c)),
        DraftApproved a => a.Recipients.Select(to => Mail(to, EmailKind.ApprovalRequested,
            $"MEM {c.Year}: draft evaluation of {c.CountryName} ready for approval",
            $"The consultant approved the draft evaluation of {c.CountryName}. It awaits approval by {Stamp(a.Due)}.", c)),
        ChangesRequested r => r.Recipients.Select(to => Mail(to, EmailKind.ChangesRequested,
            $"MEM {c.Year}: changes requested to the draft evaluation of {c.CountryName}",
            $"The consultant requests changes to the draft evaluation of {c.CountryName} (iteration {r.Iteration}). Please revise it by {Stamp(r.Due)}.\n\n" +
            string.Join("\n", r.Comments.Select(x => $"- {(x.ObjectiveId is null ? "General" : $"Objective {x.ObjectiveId}")}: {x.Text}")), c)),
        CountryCommented { Accepted: true } a => a.Recipients.Select(to => Mail(to, EmailKind.CountryCommented,
            $"MEM {c.Year}: {c.CountryName} accepted its draft evaluation",
            $"{c.CountryName} accepted the draft evaluation. It awaits approval by {Stamp(a.Due)}." + (string.IsNullOrWhiteSpace(a.Text) ? "" : $"\n\nIts note: {a.Text}"), c)),
        CountryCommented k => k.Recipients.Select(to => Mail(to, EmailKind.CountryCommented,
            $"MEM {c.Year}: {c.CountryName} commented on its draft evaluation",
            $"{c.CountryName} sent comments on the draft evaluation. You may revise it once more by {Stamp(k.Due)}.\n\nThe country's comments:\n{k.Text}", c)),
        CountryReviewLapsed l => l.Recipients.Select(to => Mail(to, EmailKind.ApprovalRequested,
            $"MEM {c.Year}: no country review from {c.CountryName}; the draft awaits approval",
            $"{c.CountryName} did not comment on its draft evaluation by {Stamp(l.Due)}. The draft proceeds and awaits approval by {Stamp(l.ApprovalDue)}.", c)),
        ReportPublished p => p.Recipients.Select(to => Mail(to, EmailKind.Published,
            $"MEM {c.Year}: the evaluation report of {c.CountryName} is published",
            $"The MEM evaluation report of {c.CountryName} ({c.ThematicTitle}, {c.Year}) was published on {Stamp(p.At)}.\n\nReport: {new Uri(c.PortalBaseUrl, $"reports/{c.RoundId}/{c.MemberState}")}", c)),
        _ => [],
    };

    private static Email Mail(Recipient to, string kind, string subject, string body, EvaluationContext c) => new(to, kind, subject,
        $"""
        Dear {to.Name},

        {body}

        Evaluation: {c.EvaluationLink}

        MEM Unit, CICAD/OAS
        """);
}
