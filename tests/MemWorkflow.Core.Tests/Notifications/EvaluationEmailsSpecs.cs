using MemWorkflow.Core.Notifications;
using MemWorkflow.Core.Reminders;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Core.Workflow;

namespace MemWorkflow.Core.Tests.Notifications;

public sealed class EvaluationEmailsSpecs
{
    private static readonly DateTimeOffset Due = new(2027, 3, 5, 23, 59, 0, TimeSpan.Zero);
    private static readonly Recipient Ana = new("p-ana", "Ana Gómez", "ana@sre.gob.mx", "es");
    private static readonly Recipient Luis = new("p-luis", "Luis Pérez", "lperez@sre.gob.mx", "es");
    private static readonly EvaluationContext Mexico = new("r2023-0a1b2c3d", "Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation",
        2023, "MEX", new Uri("https://mem.oas.org/"));

    [Fact]
    public void QuestionnaireIssued_EmailsEachNceUser_TheLinkTheDueDateAndTheItemCount()
    {
        var emails = EvaluationEmails.For(new QuestionnaireIssued("MEX", ["IS-1.1", "IS-1.2", "IC-2.4"], Due, [Ana, Luis], Due.AddDays(-90)), Mexico).ToList();
        Assert.Equal([Ana, Luis], emails.Select(e => e.To));
        var email = emails[0];
        Assert.Equal(EmailKind.QuestionnaireIssued, email.Kind);
        Assert.Equal("MEM 2023: questionnaire for Mexico issued, due 5 March 2027", email.Subject);
        Assert.Contains("Dear Ana Gómez,", email.Text);
        Assert.Contains("It has 3 priority actions to answer", email.Text);
        Assert.Contains("Submission due: Friday 5 March 2027, 23:59 UTC", email.Text);
        Assert.Contains("https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX/questionnaire", email.Text);
    }

    [Fact]
    public void DeadlineExtended_TellsTheOldAndNewDatesAndTheReason()
    {
        var email = Assert.Single(EvaluationEmails.For(new DeadlineExtended(Stage.Issued, Due, Due.AddDays(30), "Elections", [Ana], Due.AddDays(-3)), Mexico));
        Assert.Equal("MEM 2023: new due date for Mexico: 4 April 2027", email.Subject);
        Assert.Contains("Previous due date: Friday 5 March 2027, 23:59 UTC", email.Text);
        Assert.Contains("Reason: Elections", email.Text);
    }

    [Theory]
    [InlineData(MilestoneKind.Reminder, 7, "reminder", "MEM 2023: Mexico questionnaire submission due in 7 days")]
    [InlineData(MilestoneKind.Reminder, 1, "reminder", "MEM 2023: Mexico questionnaire submission due in 1 day")]
    [InlineData(MilestoneKind.Overdue, 1, "overdue", "MEM 2023: Mexico questionnaire submission is overdue")]
    [InlineData(MilestoneKind.Escalation, 7, "escalation", "MEM 2023: Mexico questionnaire submission overdue since 5 March 2027")]
    public void Reminders_SayWhatIsDueAndWhen(MilestoneKind kind, int days, string emailKind, string subject)
    {
        var email = Assert.Single(EvaluationEmails.For(new ReminderRecorded(Stage.Issued, Due, new Milestone(kind, days), [Ana], Due), Mexico));
        Assert.Equal(emailKind, email.Kind);
        Assert.Equal(subject, email.Subject);
        Assert.Contains("https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX", email.Text);
    }

    [Fact]
    public void AWithdrawalBeforeIssue_EmailsNobody() =>
        Assert.Empty(EvaluationEmails.For(new EvaluationWithdrawn("MEX", null, "Cancelled", [], Due), Mexico));
}
