using System.Globalization;
using MemWorkflow.Core.Reminders;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Core.Workflow;

namespace MemWorkflow.Core.Notifications;

/// <summary>The emails each evaluation event implies. Pure: the shell writes them to the outbox.</summary>
public static class EvaluationEmails
{
    public static IEnumerable<Email> For(EvaluationEvent @event, EvaluationContext context) => @event switch
    {
        QuestionnaireIssued issued => issued.Recipients.Select(to => Issued(to, issued, context)),
        DeadlineExtended extended => extended.Recipients.Select(to => Extended(to, extended, context)),
        EvaluationWithdrawn withdrawn => withdrawn.Recipients.Select(to => Withdrawn(to, withdrawn, context)),
        ReminderRecorded recorded => recorded.Recipients.Select(to => Reminded(to, recorded, context)),
        QuestionnaireSubmitted submitted => submitted.Recipients.Select(to => Submitted(to, submitted, context))
            .Concat(submitted.MemUnit.Select(to => SubmittedNotice(to, submitted, context))),
        ReviewersAssigned or ReviewStarted or ReviewerReplaced => ReviewEmails.For(@event, context),
        DraftSubmitted or DraftApproved or ChangesRequested or CountryCommented or CountryReviewLapsed or ReportPublished => DraftEmails.For(@event, context),
        _ => [],
    };

    private static Email Issued(Recipient to, QuestionnaireIssued issued, EvaluationContext c) => new(
        to, EmailKind.QuestionnaireIssued,
        $"MEM {c.Year}: questionnaire for {c.CountryName} issued, due {Day(issued.Due)}",
        $"""
        Dear {to.Name},

        The questionnaire of the Multilateral Evaluation Mechanism for {c.CountryName} is open: {c.ThematicTitle} ({c.Year}).
        It has {issued.PriorityActionIds.Count} priority actions to answer, each with its means of verification.

        Submission due: {Stamp(issued.Due)}
        Questionnaire: {c.EvaluationLink}/questionnaire

        MEM Unit, CICAD/OAS
        """);

    private static Email Extended(Recipient to, DeadlineExtended extended, EvaluationContext c) => new(
        to, EmailKind.DeadlineExtended,
        $"MEM {c.Year}: new due date for {c.CountryName}: {Day(extended.Due)}",
        $"""
        Dear {to.Name},

        The MEM Unit has extended the deadline of the evaluation of {c.CountryName} ({c.ThematicTitle}, {c.Year}).

        Previous due date: {Stamp(extended.PreviousDue)}
        New due date: {Stamp(extended.Due)}
        Reason: {extended.Reason}

        Evaluation: {c.EvaluationLink}

        MEM Unit, CICAD/OAS
        """);

    private static Email Withdrawn(Recipient to, EvaluationWithdrawn withdrawn, EvaluationContext c) => new(
        to, EmailKind.EvaluationWithdrawn,
        $"MEM {c.Year}: the evaluation of {c.CountryName} has been withdrawn",
        $"""
        Dear {to.Name},

        The MEM Unit has cancelled the round, and the evaluation of {c.CountryName} ({c.ThematicTitle}, {c.Year}) is withdrawn.
        Reason: {withdrawn.Reason}

        Nothing more is needed from you for this evaluation.

        MEM Unit, CICAD/OAS
        """);

    private static Email Submitted(Recipient to, QuestionnaireSubmitted submitted, EvaluationContext c) => new(
        to, EmailKind.SubmissionReceived,
        $"MEM {c.Year}: questionnaire of {c.CountryName} received",
        $"""
        Dear {to.Name},

        The MEM Unit has received the questionnaire of {c.CountryName} ({c.ThematicTitle}, {c.Year}) on {Stamp(submitted.At)}{Lateness(submitted)}.
        It holds {submitted.Answers} answers and {submitted.Documents} means of verification, and is now read-only.
        The Governmental Expert Group will evaluate it next.

        Submission: {c.EvaluationLink}/submission

        MEM Unit, CICAD/OAS
        """);

    private static Email SubmittedNotice(Recipient to, QuestionnaireSubmitted submitted, EvaluationContext c) => new(
        to, EmailKind.SubmissionReceived,
        $"MEM {c.Year}: {c.CountryName} submitted its questionnaire{(submitted.Late ? " (late)" : "")}",
        $"""
        Dear {to.Name},

        {c.CountryName} submitted its questionnaire ({c.ThematicTitle}, {c.Year}) on {Stamp(submitted.At)}{Lateness(submitted)}:
        {submitted.Answers} answers, {submitted.Documents} means of verification. It is ready for GEG assignment.

        Evaluation: {c.EvaluationLink}
        """);

    private static string Lateness(QuestionnaireSubmitted submitted) =>
        submitted.Late && submitted.Due is { } due ? $", after its due date of {Stamp(due)}" : "";

    private static Email Reminded(Recipient to, ReminderRecorded recorded, EvaluationContext c) => recorded.Milestone.Kind switch
    {
        MilestoneKind.Reminder => new(
            to, EmailKind.Reminder,
            $"MEM {c.Year}: {c.CountryName} {What(recorded.Stage)} due in {Plural(recorded.Milestone.Days, "day")}",
            $"""
            Dear {to.Name},

            This is a reminder that the {What(recorded.Stage)} for {c.CountryName} ({c.ThematicTitle}, {c.Year}) is due on {Stamp(recorded.Due)}.

            Evaluation: {c.EvaluationLink}

            MEM Unit, CICAD/OAS
            """),
        MilestoneKind.Overdue => new(
            to, EmailKind.Overdue,
            $"MEM {c.Year}: {c.CountryName} {What(recorded.Stage)} is overdue",
            $"""
            Dear {to.Name},

            The {What(recorded.Stage)} for {c.CountryName} ({c.ThematicTitle}, {c.Year}) was due on {Stamp(recorded.Due)} and has not been received.
            Please complete it as soon as possible, or ask the MEM Unit for an extension.

            Evaluation: {c.EvaluationLink}

            MEM Unit, CICAD/OAS
            """),
        _ => new(
            to, EmailKind.Escalation,
            $"MEM {c.Year}: {c.CountryName} {What(recorded.Stage)} overdue since {Day(recorded.Due)}",
            $"""
            Dear {to.Name},

            The {What(recorded.Stage)} for {c.CountryName} ({c.ThematicTitle}, {c.Year}) was due on {Stamp(recorded.Due)} and is still outstanding after the {Plural(recorded.Milestone.Days, "day")} of grace.
            Waiting on: {Stages.OwnerOf(recorded.Stage)}. The evaluation's owners received reminders and an overdue notice.

            Evaluation: {c.EvaluationLink}
            """),
    };

    internal static string What(Stage stage) => stage switch
    {
        Stage.Issued => "questionnaire submission",
        Stage.InReview or Stage.RevisionRequested => "GEG draft evaluation",
        Stage.ConsultantReview => "consultant feedback",
        Stage.CountryReview => "country review of the draft",
        Stage.AwaitingApproval => "approval of the report",
        _ => "evaluation step",
    };

    internal static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    internal static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
