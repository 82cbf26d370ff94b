using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Core.Notifications;

internal sealed class EnglishTemplates : EmailTemplates
{
    public override string Language => "en";

    protected override Line Greeting(string name) => $"Dear {name},";

    protected override string Signature => "MEM Unit, CICAD/OAS";

    protected override (string Label, string Button) Page(PortalPage page) => page switch
    {
        PortalPage.Questionnaire => ("Questionnaire", "Open the questionnaire"),
        PortalPage.Submission => ("Submission", "Open the submission"),
        PortalPage.Report => ("Report", "Read the report"),
        PortalPage.Outbox => ("Outbox", "Open the outbox"),
        PortalPage.SignIn => ("Sign-in link", "Sign in to the MEM portal"),
        _ => ("Evaluation", "Open the evaluation"),
    };

    protected override string What(Stage stage) => stage switch
    {
        Stage.Issued => "questionnaire submission",
        Stage.InReview or Stage.RevisionRequested => "GEG draft evaluation",
        Stage.ConsultantReview => "consultant feedback",
        Stage.CountryReview => "country review of the draft",
        Stage.AwaitingApproval => "approval of the report",
        _ => "evaluation step",
    };

    protected override string Who(Owner owner) => owner switch
    {
        Owner.Nce => "the NCE",
        Owner.Geg => "the GEG experts",
        Owner.Consultant => "the consultant",
        Owner.MemUnit => "the MEM Unit",
        _ => "no one",
    };

    protected override string Days(int n) => n == 1 ? "1 day" : $"{n} days";

    public override Message QuestionnaireIssued(Recipient to, EvaluationContext c, int priorityActions, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: questionnaire for {Country(c)} issued, due {Day(due)}",
            P($"The questionnaire of the Multilateral Evaluation Mechanism for {Country(c)} is open: {Thematic(c)} ({c.Year}).",
                $"It has {priorityActions} priority actions to answer, each with its means of verification."),
            P($"Submission due: {Due(due)}", Link(PortalPage.Questionnaire, c)));

    public override Message DeadlineExtended(Recipient to, EvaluationContext c, DateTimeOffset previousDue, DateTimeOffset due, string reason) =>
        Mail(to, $"{Mem(c)}: new due date for {Country(c)}: {Day(due)}",
            P($"The MEM Unit has extended the deadline of the evaluation of {Country(c)} ({Thematic(c)}, {c.Year})."),
            P($"Previous due date: {On(previousDue)}", $"New due date: {Due(due)}", $"Reason: {reason}"),
            P(Link(PortalPage.Evaluation, c)));

    public override Message EvaluationWithdrawn(Recipient to, EvaluationContext c, string reason) =>
        Mail(to, $"{Mem(c)}: the evaluation of {Country(c)} has been withdrawn",
            P($"The MEM Unit has cancelled the round, and the evaluation of {Country(c)} ({Thematic(c)}, {c.Year}) is withdrawn.", $"Reason: {reason}"),
            P("Nothing more is needed from you for this evaluation."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message SubmissionReceived(Recipient to, EvaluationContext c, QuestionnaireSubmitted s) =>
        Mail(to, $"{Mem(c)}: questionnaire of {Country(c)} received",
            P($"The MEM Unit has received the questionnaire of {Country(c)} ({Thematic(c)}, {c.Year}) on {On(s.At)}{Lateness(s)}.",
                $"It holds {s.Answers} answers and {s.Documents} means of verification, and is now read-only.",
                "The Governmental Expert Group will evaluate it next."),
            P(Link(PortalPage.Submission, c)));

    public override Message SubmissionNotice(Recipient to, EvaluationContext c, QuestionnaireSubmitted s) =>
        Notice(to, $"{Mem(c)}: {Country(c)} submitted its questionnaire{(s.Late ? " (late)" : "")}",
            P($"{Country(c)} submitted its questionnaire ({Thematic(c)}, {c.Year}) on {On(s.At)}{Lateness(s)}:",
                $"{s.Answers} answers, {s.Documents} means of verification. It is ready for GEG assignment."),
            P(Link(PortalPage.Evaluation, c)));

    private string Lateness(QuestionnaireSubmitted s) => s.Late && s.Due is { } due ? $", after its due date of {On(due)}" : "";

    public override Message Reminder(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int days) =>
        Mail(to, $"{Mem(c)}: {Country(c)} {What(stage)} due in {Days(days)}",
            P($"This is a reminder that the {What(stage)} for {Country(c)} ({Thematic(c)}, {c.Year}) is due on {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Overdue(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: {Country(c)} {What(stage)} is overdue",
            P($"The {What(stage)} for {Country(c)} ({Thematic(c)}, {c.Year}) was due on {Due(due)} and has not been received.",
                "Please complete it as soon as possible, or ask the MEM Unit for an extension."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Escalation(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int graceDays) =>
        Notice(to, $"{Mem(c)}: {Country(c)} {What(stage)} overdue since {Day(due)}",
            P($"The {What(stage)} for {Country(c)} ({Thematic(c)}, {c.Year}) was due on {Due(due)} and is still outstanding after the {Days(graceDays)} of grace.",
                $"Waiting on: {Who(Stages.OwnerOf(stage))}. The evaluation's owners received reminders and an overdue notice."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Assigned(Recipient to, EvaluationContext c, bool consultant, DateTimeOffset? submissionDue, int draftDays) =>
        Mail(to, $"{Mem(c)}: you will evaluate {Country(c)}",
            P($"The MEM Unit has assigned you as {(consultant ? "the independent technical consultant" : "a GEG expert")} for the evaluation of {Country(c)} ({Thematic(c)}, {c.Year}).",
                Submission(submissionDue),
                $"The draft evaluation is due {draftDays} days after the submission reaches you."),
            P(Link(PortalPage.Evaluation, c)));

    private Line Submission(DateTimeOffset? due)
    {
        if (due is { } at)
            return $"The country's questionnaire is due on {Due(at)}; you will be told when it arrives.";
        return "The country's questionnaire has been submitted.";
    }

    public override Message SubmissionReady(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: the submission of {Country(c)} is ready for your evaluation",
            P($"{Country(c)} has submitted its questionnaire and means of verification ({Thematic(c)}, {c.Year}).",
                $"Your draft evaluation, with an evaluative summary for each objective, is due on {Due(due)}."),
            P(Link(PortalPage.Submission, c)));

    public override Message Replacement(Recipient to, EvaluationContext c, DateTimeOffset? due) =>
        Mail(to, $"{Mem(c)}: you will evaluate {Country(c)}",
            P($"The MEM Unit has assigned you as a GEG expert for the evaluation of {Country(c)} ({Thematic(c)}, {c.Year}),",
                "in place of an expert who could not take part.",
                ReplacementDue(due)),
            P(Link(PortalPage.Evaluation, c)));

    private Line ReplacementDue(DateTimeOffset? due)
    {
        if (due is { } at)
            return $"The country's submission is ready: your draft evaluation is due on {Due(at)}.";
        return "You will be told when the country's questionnaire arrives.";
    }

    public override Message ExpertDeclined(Recipient to, EvaluationContext c, string declinedId, string reason, Recipient replacement) =>
        Notice(to, $"{Mem(c)}: an expert declined {Country(c)}; {replacement.Name} replaces them",
            P($"Expert {declinedId} declined the evaluation of {Country(c)} ({Thematic(c)}, {c.Year}).",
                $"Reason: {reason}",
                $"Replacement: {replacement.Name} ({replacement.ParticipantId}); no other seat changed."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message ConsultantReviewRequested(Recipient to, EvaluationContext c, int iteration, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: draft evaluation of {Country(c)} ready for your review",
            P($"The GEG experts have submitted the draft evaluation of {Country(c)} (iteration {iteration}). Please approve it or request changes by {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message RevisedDraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: revised draft of {Country(c)} ready for approval",
            P($"The GEG experts revised the draft of {Country(c)} after the country's comments. It awaits approval by {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message CountryReview(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: the draft evaluation of {Country(c)} is ready for your review",
            P($"The draft evaluation of {Country(c)} is ready. You may comment on it, or accept it, until {Due(due)}; without an answer by then it proceeds to approval."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message DraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: draft evaluation of {Country(c)} ready for approval",
            P($"The consultant approved the draft evaluation of {Country(c)}. It awaits approval by {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message ChangesRequested(Recipient to, EvaluationContext c, int iteration, IReadOnlyList<ReviewComment> comments, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: changes requested to the draft evaluation of {Country(c)}",
        [
            P($"The consultant requests changes to the draft evaluation of {Country(c)} (iteration {iteration}). Please revise it by {Due(due)}."),
            .. Comments(comments, id => id is null ? "General" : $"Objective {id}"),
            P(Link(PortalPage.Evaluation, c)),
        ]);

    public override Message CountryAccepted(Recipient to, EvaluationContext c, string note, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: {Country(c)} accepted its draft evaluation",
        [
            P($"{Country(c)} accepted the draft evaluation. It awaits approval by {Due(due)}."),
            .. Note(note, $"Its note: {note}"),
            P(Link(PortalPage.Evaluation, c)),
        ]);

    public override Message CountryCommented(Recipient to, EvaluationContext c, string comments, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: {Country(c)} commented on its draft evaluation",
            P($"{Country(c)} sent comments on the draft evaluation. You may revise it once more by {Due(due)}."),
            P("The country's comments:", comments),
            P(Link(PortalPage.Evaluation, c)));

    public override Message CountryReviewLapsed(Recipient to, EvaluationContext c, DateTimeOffset due, DateTimeOffset approvalDue) =>
        Mail(to, $"{Mem(c)}: no country review from {Country(c)}; the draft awaits approval",
            P($"{Country(c)} did not comment on its draft evaluation by {On(due)}. The draft proceeds and awaits approval by {Due(approvalDue)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Published(Recipient to, EvaluationContext c, DateTimeOffset at) =>
        Mail(to, $"{Mem(c)}: the evaluation report of {Country(c)} is published",
            P($"The MEM evaluation report of {Country(c)} ({Thematic(c)}, {c.Year}) was published on {On(at)}."),
            P(Link(PortalPage.Report, c)),
            P(Link(PortalPage.Evaluation, c)));

    public override Message DeliveryAlert(Recipient to, EvaluationContext c, Uri outbox, string failedTo, string kind, string subject, int attempts, string lastError) =>
        Notice(to, $"{Mem(c)}: undeliverable email to {failedTo}{InParentheses(c)}",
            P($"An email about {(HasCountry(c) ? $"the evaluation of {Country(c)} (round {c.RoundId})" : $"round {c.RoundId}")} could not be delivered after {attempts} {(attempts == 1 ? "attempt" : "attempts")}. It is kept in the round's outbox, where it can be retried by hand."),
            P($"To: {failedTo}", $"Kind: {kind}", $"Subject: {subject}", $"Last error: {lastError}"),
            P("Please check the recipient's address in the participant directory before retrying it."),
            P(Link(PortalPage.Outbox, outbox)));

    public override Message WorkflowAlert(Recipient to, EvaluationContext c, Uri page, DateTimeOffset since, int failures, string lastError) =>
        Notice(to, $"{Mem(c)}: automatic steps keep failing{InParentheses(c)}",
            P($"Since {On(since)} the automatic steps of {(HasCountry(c) ? $"the evaluation of {Country(c)} (round {c.RoundId})" : $"round {c.RoundId}")} have failed {failures} {(failures == 1 ? "time" : "times")} in a row. They are retried with a growing pause, so reminders and emails may be late; nothing people wrote is lost."),
            P($"Last error: {lastError}"),
            P("Please ask the technical team to look into it. The incident closes by itself once a step succeeds."),
            P(Link(HasCountry(c) ? PortalPage.Evaluation : PortalPage.Outbox, page)));

    public override Message SignInLink(Recipient to, Uri link, int minutes) =>
        Mail(to, "Your sign-in link to the MEM portal",
            P($"Someone, probably you, asked to sign in to the MEM portal with this address. The link below works once, for {minutes} minutes."),
            P(Link(PortalPage.SignIn, link)),
            P("If you did not ask for it, ignore this email: nobody can sign in without the link."));
}
