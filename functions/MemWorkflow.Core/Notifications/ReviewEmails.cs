using MemWorkflow.Core.Rounds;
using MemWorkflow.Core.Workflow;
using static MemWorkflow.Core.Notifications.EvaluationEmails;

namespace MemWorkflow.Core.Notifications;

/// <summary>Emails to the GEG experts, the consultant and the MEM Unit about who evaluates a country.</summary>
public static class ReviewEmails
{
    public static IEnumerable<Email> For(EvaluationEvent @event, EvaluationContext context) => @event switch
    {
        ReviewersAssigned assigned => assigned.Experts.Select(to => Assigned(to, "a GEG expert", assigned, context))
            .Append(Assigned(assigned.Consultant, "the independent technical consultant", assigned, context)),
        ReviewStarted started => started.Experts.Select(to => Ready(to, started.Due, context)),
        ReviewerReplaced replaced => Replaced(replaced, context),
        _ => [],
    };

    private static Email Assigned(Recipient to, string role, ReviewersAssigned assigned, EvaluationContext c) => new(
        to, EmailKind.Assignment,
        $"MEM {c.Year}: you will evaluate {c.CountryName}",
        $"""
        Dear {to.Name},

        The MEM Unit has assigned you as {role} for the evaluation of {c.CountryName} ({c.ThematicTitle}, {c.Year}).
        {(assigned.SubmissionDue is { } due
            ? $"The country's questionnaire is due on {Stamp(due)}; you will be told when it arrives."
            : "The country's questionnaire has been submitted.")}
        The draft evaluation is due {assigned.DraftDays} days after the submission reaches you.

        Evaluation: {c.EvaluationLink}

        MEM Unit, CICAD/OAS
        """);

    private static Email Ready(Recipient to, DateTimeOffset due, EvaluationContext c) => new(
        to, EmailKind.SubmissionReady,
        $"MEM {c.Year}: the submission of {c.CountryName} is ready for your evaluation",
        $"""
        Dear {to.Name},

        {c.CountryName} has submitted its questionnaire and means of verification ({c.ThematicTitle}, {c.Year}).
        Your draft evaluation, with an evaluative summary for each objective, is due on {Stamp(due)}.

        Submission: {c.EvaluationLink}/submission

        MEM Unit, CICAD/OAS
        """);

    private static IEnumerable<Email> Replaced(ReviewerReplaced replaced, EvaluationContext c)
    {
        var to = replaced.Replacement;
        var when = replaced.Due is { } due
            ? $"The country's submission is ready: your draft evaluation is due on {Stamp(due)}."
            : "You will be told when the country's questionnaire arrives.";
        yield return new Email(to, EmailKind.Assignment,
            $"MEM {c.Year}: you will evaluate {c.CountryName}",
            $"""
            Dear {to.Name},

            The MEM Unit has assigned you as a GEG expert for the evaluation of {c.CountryName} ({c.ThematicTitle}, {c.Year}),
            in place of an expert who could not take part.
            {when}

            Evaluation: {c.EvaluationLink}

            MEM Unit, CICAD/OAS
            """);
        foreach (var memUnit in replaced.MemUnit)
        {
            yield return new Email(memUnit, EmailKind.ExpertDeclined,
                $"MEM {c.Year}: an expert declined {c.CountryName}; {to.Name} replaces them",
                $"""
                Dear {memUnit.Name},

                Expert {replaced.DeclinedId} declined the evaluation of {c.CountryName} ({c.ThematicTitle}, {c.Year}).
                Reason: {replaced.Reason}
                Replacement: {to.Name} ({to.ParticipantId}); no other seat changed.

                Evaluation: {c.EvaluationLink}
                """);
        }
    }
}
