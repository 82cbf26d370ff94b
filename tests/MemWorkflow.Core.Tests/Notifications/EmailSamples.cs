using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Notifications;

namespace MemWorkflow.Core.Tests.Notifications;

/// <summary>What people typed, as the emails quote it.</summary>
public sealed record PeopleText(string Reason, string Comment, string CountryText, string ReplacementName, string LastError, string FailedSubject)
{
    public static PeopleText Realistic { get; } = new(
        "Elections in June: the new administration needs 30 more days.",
        "Cite the 2022 national drug strategy as the legal basis.",
        "Paragraph 3 should mention the 2023 treatment law.\nPlease use the updated seizure figures.",
        "Rafael Ortiz",
        "550 5.1.1 Mailbox unavailable",
        "MEM 2023: Mexico questionnaire submission due in 7 days");

    public static PeopleText Hostile { get; } = new(
        "<script>alert(1)</script> \"quotes\" & ampersands",
        "<script>alert(1)</script> \"quotes\" & ampersands",
        "<script>alert(1)</script>\n\"quotes\" & ampersands",
        "<script>alert(1)</script> \"quotes\" & ampersands",
        "<script>alert(1)</script> \"quotes\" & ampersands",
        "<script>alert(1)</script> \"quotes\" & ampersands");
}

/// <summary>One email of every kind (and every variant of a kind) for one recipient, from the events
/// the workflow really emits: the 2023 thematic round, deadlines in March 2027.</summary>
public static class EmailSamples
{
    public const string RoundId = "r2023-0a1b2c3d";
    public const string Title = "Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation";
    public static readonly Uri Portal = new("https://mem.oas.org/");

    /// <summary>Friday 5 March 2027, 23:59 UTC: every deadline below but the extension's and approval's.</summary>
    public static readonly DateTimeOffset Due = new(2027, 3, 5, 23, 59, 0, TimeSpan.Zero);

    public static readonly Recipient Ana = new("p-ana", "Ana Gómez", "ana.gomez@sre.gob.mx", "es");
    public static readonly Recipient Claire = new("p-claire", "Claire Tremblay", "claire.tremblay@consult.ca", "fr");
    public static readonly Recipient Mariana = new("p-mariana", "Mariana Souza", "mariana.souza@mj.gov.br", "pt");
    public static readonly Recipient Andrew = new("p-andrew", "Andrew Campbell", "acampbell@ncda.org.jm", "en");

    public static EvaluationContext Context(string memberState) => new(RoundId, Title, 2023, memberState, Portal);

    public static IReadOnlyList<string> Cases { get; } =
    [
        "questionnaireIssued", "deadlineExtended", "evaluationWithdrawn", "submissionReceived", "submissionNotice",
        "reminder", "overdue", "escalation", "assignmentExpert", "assignmentConsultant", "submissionReadyForReview",
        "assignmentReplacement", "expertDeclined", "consultantReviewRequested", "revisedDraftForApproval", "countryReview",
        "draftForApproval", "changesRequested", "countryAccepted", "countryCommented", "countryReviewLapsed", "published",
        "deliveryAlert",
        "workflowAlert",
    ];

    public static IReadOnlyDictionary<string, Email> All(Recipient to, string memberState, PeopleText? people = null)
    {
        var p = people ?? PeopleText.Realistic;
        var c = Context(memberState);
        var other = new Recipient("p-rortiz", p.ReplacementName, "rafael.ortiz@mininterior.gov.co", "es");
        var report = new PublishedReport($"{RoundId}/{memberState}.md", $"{RoundId}/{memberState}.html", "9f2c", 48_213, 21_877, Due.AddDays(60));
        Email One(EvaluationEvent e, Func<Email, bool>? which = null) => EvaluationEmails.For(e, c).Single(which ?? (m => m.To == to));
        return new Dictionary<string, Email>
        {
            ["questionnaireIssued"] = One(new QuestionnaireIssued(memberState, ["IS-1.1", "IS-1.2", "RIME-1.1", "IC-2.4"], Due, [to], Due.AddDays(-75))),
            ["deadlineExtended"] = One(new DeadlineExtended(Stage.Issued, Due, Due.AddDays(30), p.Reason, [to], Due.AddDays(-3))),
            ["evaluationWithdrawn"] = One(new EvaluationWithdrawn(memberState, Stage.Issued, p.Reason, [to], Due.AddDays(-20))),
            ["submissionReceived"] = One(new QuestionnaireSubmitted(true, Due, 27, 41, [to], [other], Due.AddDays(3))),
            ["submissionNotice"] = One(new QuestionnaireSubmitted(true, Due, 27, 41, [other], [to], Due.AddDays(3))),
            ["reminder"] = One(new ReminderRecorded(Stage.Issued, Due, new Milestone(MilestoneKind.Reminder, 7), [to], Due.AddDays(-7))),
            ["overdue"] = One(new ReminderRecorded(Stage.Issued, Due, new Milestone(MilestoneKind.Overdue, 1), [to], Due.AddDays(1))),
            ["escalation"] = One(new ReminderRecorded(Stage.Issued, Due, new Milestone(MilestoneKind.Escalation, 7), [to], Due.AddDays(7))),
            ["assignmentExpert"] = One(new ReviewersAssigned([to], other, Due, 45, Due.AddDays(-30))),
            ["assignmentConsultant"] = One(new ReviewersAssigned([other], to, Due, 45, Due.AddDays(-30))),
            ["submissionReadyForReview"] = One(new ReviewStarted(Due, [to], Due.AddDays(-45))),
            ["assignmentReplacement"] = One(new ReviewerReplaced("p-declined", to, p.Reason, [other], Stage.InReview, Due, Due.AddDays(-10))),
            ["expertDeclined"] = One(new ReviewerReplaced("p-declined", other, p.Reason, [to], Stage.InReview, Due, Due.AddDays(-10))),
            ["consultantReviewRequested"] = One(new DraftSubmitted(1, Stage.ConsultantReview, Due, [to], Due.AddDays(-14))),
            ["revisedDraftForApproval"] = One(new DraftSubmitted(2, Stage.AwaitingApproval, Due, [to], Due.AddDays(-14))),
            ["countryReview"] = One(new DraftApproved(1, Stage.CountryReview, Due, [to], Due.AddDays(-21))),
            ["draftForApproval"] = One(new DraftApproved(1, Stage.AwaitingApproval, Due, [to], Due.AddDays(-14))),
            ["changesRequested"] = One(new ChangesRequested(1, [new ReviewComment(null, p.Comment), new ReviewComment("IS-1", p.Comment)], Due, [to], Due.AddDays(-14))),
            ["countryAccepted"] = One(new CountryCommented(true, p.CountryText, Stage.AwaitingApproval, Due, [to], Due.AddDays(-14))),
            ["countryCommented"] = One(new CountryCommented(false, p.CountryText, Stage.RevisionRequested, Due, [to], Due.AddDays(-14))),
            ["countryReviewLapsed"] = One(new CountryReviewLapsed(Due, Due.AddDays(14), [to], Due.AddDays(1))),
            ["published"] = One(new ReportPublished(report, [to], Due.AddDays(60))),
            ["deliveryAlert"] = DeliveryAlertEmail.For(to, other.Email, EmailKind.Reminder, p.FailedSubject, RoundId, memberState, 8, p.LastError, Portal),
            ["workflowAlert"] = WorkflowAlertEmail.For(to, RoundId, memberState, Due.AddDays(-40), 7, p.LastError, Portal),
        };
    }
}
