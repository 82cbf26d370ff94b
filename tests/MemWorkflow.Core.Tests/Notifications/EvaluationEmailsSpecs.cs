using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Notifications;

namespace MemWorkflow.Core.Tests.Notifications;

public sealed class EvaluationEmailsSpecs
{
    private static readonly DateTimeOffset Due = new(2027, 3, 5, 23, 59, 0, TimeSpan.Zero);
    private static readonly Recipient Ana = new("p-ana", "Ana Gómez", "ana@sre.gob.mx", "es");
    private static readonly Recipient Luis = new("p-luis", "Luis Pérez", "lperez@sre.gob.mx", "es");
    private static readonly Recipient Ruth = new("p-ruth", "Ruth Hernández", "rhernandez@conadic.gob.mx", "en");
    private static readonly EvaluationContext Mexico = new("r2023-0a1b2c3d", "Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation",
        2023, "MEX", new Uri("https://mem.oas.org/"));

    [Fact]
    public void QuestionnaireIssued_EmailsEachNceUser_InTheirLanguage_TheLinkTheDueDateAndTheItemCount()
    {
        var emails = EvaluationEmails.For(new QuestionnaireIssued("MEX", ["IS-1.1", "IS-1.2", "IC-2.4"], Due, [Ana, Luis, Ruth], Due.AddDays(-90)), Mexico).ToList();
        Assert.Equal([Ana, Luis, Ruth], emails.Select(e => e.To));
        Assert.All(emails, e => Assert.Equal(EmailKind.QuestionnaireIssued, e.Kind));

        var english = emails[2];
        Assert.Equal("MEM 2023: questionnaire for Mexico issued, due 5 March 2027", english.Subject);
        Assert.Contains("Dear Ruth Hernández,", english.Text);
        Assert.Contains("It has 3 priority actions to answer", english.Text);
        Assert.Contains("Submission due: Friday 5 March 2027, 23:59 UTC", english.Text);
        Assert.Contains("https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX/questionnaire", english.Text);

        var spanish = emails[0];
        Assert.Equal("MEM 2023: cuestionario de México disponible, vence el 5 de marzo de 2027", spanish.Subject);
        Assert.Contains("Estimado/a Ana Gómez:", spanish.Text);
        Assert.Contains("Contiene 3 acciones prioritarias por responder", spanish.Text);
        Assert.Contains("Fecha límite de entrega: viernes 5 de marzo de 2027, 23:59 UTC", spanish.Text);
        Assert.Contains("https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX/questionnaire", spanish.Text);
    }

    [Fact]
    public void DeadlineExtended_TellsTheOldAndNewDatesAndTheReason()
    {
        var email = Assert.Single(EvaluationEmails.For(new DeadlineExtended(Stage.Issued, Due, Due.AddDays(30), "Elections", [Ruth], Due.AddDays(-3)), Mexico));
        Assert.Equal("MEM 2023: new due date for Mexico: 4 April 2027", email.Subject);
        Assert.Contains("Previous due date: Friday 5 March 2027, 23:59 UTC", email.Text);
        Assert.Contains("Reason: Elections", email.Text);
        Assert.Contains("<strong>Sunday 4 April 2027, 23:59 UTC</strong>", email.Html);
    }

    [Theory]
    [InlineData(MilestoneKind.Reminder, 7, "reminder", "MEM 2023: Mexico questionnaire submission due in 7 days")]
    [InlineData(MilestoneKind.Reminder, 1, "reminder", "MEM 2023: Mexico questionnaire submission due in 1 day")]
    [InlineData(MilestoneKind.Overdue, 1, "overdue", "MEM 2023: Mexico questionnaire submission is overdue")]
    [InlineData(MilestoneKind.Escalation, 7, "escalation", "MEM 2023: Mexico questionnaire submission overdue since 5 March 2027")]
    public void Reminders_SayWhatIsDueAndWhen(MilestoneKind kind, int days, string emailKind, string subject)
    {
        var email = Assert.Single(EvaluationEmails.For(new ReminderRecorded(Stage.Issued, Due, new Milestone(kind, days), [Ruth], Due), Mexico));
        Assert.Equal(emailKind, email.Kind);
        Assert.Equal(subject, email.Subject);
        Assert.Contains("https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX", email.Text);
    }

    [Theory]
    [InlineData(1, "MEM 2023: México – entrega del cuestionario, vence en 1 día")]
    [InlineData(14, "MEM 2023: México – entrega del cuestionario, vence en 14 días")]
    public void ASpanishReminder_CountsDaysInSpanish(int days, string subject) =>
        Assert.Equal(subject, Assert.Single(EvaluationEmails.For(
            new ReminderRecorded(Stage.Issued, Due, new Milestone(MilestoneKind.Reminder, days), [Ana], Due), Mexico)).Subject);

    [Theory]
    [InlineData("de")]
    [InlineData("")]
    [InlineData("xx-YY")]
    [InlineData("english")]
    public void ALanguageThatIsNotAnOasLanguage_GetsEnglish(string language)
    {
        var to = Ana with { Language = language };
        var email = Assert.Single(EvaluationEmails.For(new ReviewStarted(Due, [to], Due.AddDays(-45)), Mexico));
        Assert.Equal("MEM 2023: the submission of Mexico is ready for your evaluation", email.Subject);
        Assert.StartsWith("Dear Ana Gómez,", email.Text);
        Assert.Contains("<html lang=\"en\">", email.Html);
    }

    [Theory]
    [InlineData("ES", "MEM 2023: las respuestas de México están listas para su evaluación")]
    [InlineData("pt-BR", "MEM 2023: as respostas do México estão prontas para sua avaliação")]
    [InlineData("fr-CA", "MEM 2023 : les réponses du Mexique sont prêtes pour votre évaluation")]
    public void ALanguageTag_IsReadByItsLanguage(string language, string subject) =>
        Assert.Equal(subject, Assert.Single(EvaluationEmails.For(new ReviewStarted(Due, [Ana with { Language = language }], Due.AddDays(-45)), Mexico)).Subject);

    [Theory]
    [InlineData("en", "Submission due: Monday 1 March 2027, 00:05 UTC", "due 1 March 2027")]
    [InlineData("es", "Fecha límite de entrega: lunes 1 de marzo de 2027, 00:05 UTC", "vence el 1 de marzo de 2027")]
    [InlineData("fr", "Date limite de remise : lundi 1er mars 2027, 00 h 05 UTC", "échéance le 1er mars 2027")]
    [InlineData("pt", "Prazo de entrega: 1º de março de 2027 (segunda-feira), 00:05 UTC", "prazo até 1º de março de 2027")]
    public void Deadlines_AreWrittenTheRecipientsWay_InUtc(string language, string line, string subjectEnd)
    {
        // 1 March 2027, 00:05 UTC is still 28 February in Mexico City: the email says UTC, and means it.
        var due = new DateTimeOffset(2027, 2, 28, 18, 5, 0, TimeSpan.FromHours(-6));
        var email = Assert.Single(EvaluationEmails.For(new QuestionnaireIssued("MEX", ["IS-1.1"], due, [Ana with { Language = language }], Due.AddDays(-90)), Mexico));
        Assert.Contains(line, email.Text);
        Assert.EndsWith(subjectEnd, email.Subject);
    }

    [Fact]
    public void AWithdrawalBeforeIssue_EmailsNobody() =>
        Assert.Empty(EvaluationEmails.For(new EvaluationWithdrawn("MEX", null, "Cancelled", [], Due), Mexico));

    [Fact]
    public void AReplacement_IsToldFirst_ThenEachMemUnitMember_EachInTheirLanguage()
    {
        var memUnit = new Recipient("p-mu", "Unidad MEM", "mem@oas.org", "es");
        var emails = EvaluationEmails.For(new ReviewerReplaced("p-old", Ruth, "Conflict of interest", [memUnit], Stage.InReview, Due, Due), Mexico).ToList();
        Assert.Equal([(Ruth, EmailKind.Assignment), (memUnit, EmailKind.ExpertDeclined)], emails.Select(e => (e.To, e.Kind)));
        Assert.Equal("MEM 2023: you will evaluate Mexico", emails[0].Subject);
        Assert.Equal("MEM 2023: un experto declinó la evaluación de México; lo sustituye Ruth Hernández", emails[1].Subject);
    }
}
