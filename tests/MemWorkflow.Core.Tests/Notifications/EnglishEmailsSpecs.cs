using static MemWorkflow.Core.Tests.Notifications.EmailSamples;

namespace MemWorkflow.Core.Tests.Notifications;

/// <summary>Every email as a Jamaican NCE user whose first language is English reads it.</summary>
public sealed class EnglishEmailsSpecs
{
    [Theory]
    [InlineData("questionnaireIssued", "MEM 2023: questionnaire for Jamaica issued, due 5 March 2027",
        "Submission due: Friday 5 March 2027, 23:59 UTC\nQuestionnaire: https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/JAM/questionnaire")]
    [InlineData("deadlineExtended", "MEM 2023: new due date for Jamaica: 4 April 2027",
        "Previous due date: Friday 5 March 2027, 23:59 UTC\nNew due date: Sunday 4 April 2027, 23:59 UTC\nReason: Elections in June")]
    [InlineData("evaluationWithdrawn", "MEM 2023: the evaluation of Jamaica has been withdrawn",
        "is withdrawn.\nReason: Elections in June: the new administration needs 30 more days.")]
    [InlineData("submissionReceived", "MEM 2023: questionnaire of Jamaica received",
        "on Monday 8 March 2027, 23:59 UTC, after its due date of Friday 5 March 2027, 23:59 UTC.\nIt holds 27 answers and 41 means of verification, and is now read-only.")]
    [InlineData("submissionNotice", "MEM 2023: Jamaica submitted its questionnaire (late)",
        "27 answers, 41 means of verification. It is ready for GEG assignment.")]
    [InlineData("reminder", "MEM 2023: Jamaica questionnaire submission due in 7 days",
        "This is a reminder that the questionnaire submission for Jamaica (Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation, 2023) is due on Friday 5 March 2027, 23:59 UTC.")]
    [InlineData("overdue", "MEM 2023: Jamaica questionnaire submission is overdue",
        "was due on Friday 5 March 2027, 23:59 UTC and has not been received.\nPlease complete it as soon as possible, or ask the MEM Unit for an extension.")]
    [InlineData("escalation", "MEM 2023: Jamaica questionnaire submission overdue since 5 March 2027",
        "is still outstanding after the 7 days of grace.\nWaiting on: the NCE.")]
    [InlineData("assignmentExpert", "MEM 2023: you will evaluate Jamaica",
        "The MEM Unit has assigned you as a GEG expert for the evaluation of Jamaica")]
    [InlineData("assignmentConsultant", "MEM 2023: you will evaluate Jamaica",
        "as the independent technical consultant for the evaluation of Jamaica (Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation, 2023).\nThe country's questionnaire is due on Friday 5 March 2027, 23:59 UTC; you will be told when it arrives.\nThe draft evaluation is due 45 days after the submission reaches you.")]
    [InlineData("submissionReadyForReview", "MEM 2023: the submission of Jamaica is ready for your evaluation",
        "Your draft evaluation, with an evaluative summary for each objective, is due on Friday 5 March 2027, 23:59 UTC.\n\nSubmission: https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/JAM/submission")]
    [InlineData("assignmentReplacement", "MEM 2023: you will evaluate Jamaica",
        "in place of an expert who could not take part.\nThe country's submission is ready: your draft evaluation is due on Friday 5 March 2027, 23:59 UTC.")]
    [InlineData("expertDeclined", "MEM 2023: an expert declined Jamaica; Rafael Ortiz replaces them",
        "Expert p-declined declined the evaluation of Jamaica")]
    [InlineData("consultantReviewRequested", "MEM 2023: draft evaluation of Jamaica ready for your review",
        "The GEG experts have submitted the draft evaluation of Jamaica (iteration 1). Please approve it or request changes by Friday 5 March 2027, 23:59 UTC.")]
    [InlineData("revisedDraftForApproval", "MEM 2023: revised draft of Jamaica ready for approval",
        "The GEG experts revised the draft of Jamaica after the country's comments. It awaits approval by Friday 5 March 2027, 23:59 UTC.")]
    [InlineData("countryReview", "MEM 2023: the draft evaluation of Jamaica is ready for your review",
        "You may comment on it, or accept it, until Friday 5 March 2027, 23:59 UTC; without an answer by then it proceeds to approval.")]
    [InlineData("draftForApproval", "MEM 2023: draft evaluation of Jamaica ready for approval",
        "The consultant approved the draft evaluation of Jamaica. It awaits approval by Friday 5 March 2027, 23:59 UTC.")]
    [InlineData("changesRequested", "MEM 2023: changes requested to the draft evaluation of Jamaica",
        "Please revise it by Friday 5 March 2027, 23:59 UTC.\n\n- General: Cite the 2022 national drug strategy as the legal basis.\n- Objective IS-1: Cite")]
    [InlineData("countryAccepted", "MEM 2023: Jamaica accepted its draft evaluation",
        "Jamaica accepted the draft evaluation. It awaits approval by Friday 5 March 2027, 23:59 UTC.\n\nIts note: Paragraph 3")]
    [InlineData("countryCommented", "MEM 2023: Jamaica commented on its draft evaluation",
        "You may revise it once more by Friday 5 March 2027, 23:59 UTC.\n\nThe country's comments:\nParagraph 3")]
    [InlineData("countryReviewLapsed", "MEM 2023: no country review from Jamaica; the draft awaits approval",
        "Jamaica did not comment on its draft evaluation by Friday 5 March 2027, 23:59 UTC. The draft proceeds and awaits approval by Friday 19 March 2027, 23:59 UTC.")]
    [InlineData("published", "MEM 2023: the evaluation report of Jamaica is published",
        "was published on Tuesday 4 May 2027, 23:59 UTC.\n\nReport: https://mem.oas.org/reports/r2023-0a1b2c3d/JAM")]
    [InlineData("deliveryAlert", "MEM 2023: undeliverable email to rafael.ortiz@mininterior.gov.co (Jamaica)",
        "could not be delivered after 8 attempts. It is kept in the round's outbox, where it can be retried by hand.\n\nTo: rafael.ortiz@mininterior.gov.co\nKind: reminder\nSubject: MEM 2023: Mexico questionnaire submission due in 7 days\nLast error: 550 5.1.1 Mailbox unavailable")]
    public void EveryKind_InEnglish(string kind, string subject, string line)
    {
        var email = All(Andrew, "JAM")[kind];
        Assert.Equal(subject, email.Subject);
        Assert.Contains(line, email.Text);
        Assert.Contains("<html lang=\"en\">", email.Html);
    }
}
