using MemWorkflow.Core.Notifications;

namespace MemWorkflow.Core.Tests.Notifications;

public sealed class DeliveryAlertEmailSpecs
{
    private static readonly Recipient MemUnit = new("p-mu", "MEM Unit", "mem@oas.org", "en");
    private static readonly Uri Portal = new("https://mem.oas.org/");

    [Fact]
    public void TheAlert_NamesTheFailedMessage_AndLinksTheRoundsOutbox()
    {
        var email = DeliveryAlertEmail.For(MemUnit, "ana.gomez@sre.gob.mx", EmailKind.Overdue, "MEM 2023: Mexico questionnaire submission is overdue",
            "r2023-0a1b2c3d", "MEX", 1, "421 4.4.2 Connection timed out", Portal);
        Assert.Equal(EmailKind.DeliveryAlert, email.Kind);
        Assert.Equal(DeliveryAlertEmail.Kind, email.Kind);
        Assert.Equal(MemUnit, email.To);
        Assert.Equal("MEM 2023: undeliverable email to ana.gomez@sre.gob.mx (Mexico)", email.Subject);
        Assert.Contains("An email about the evaluation of Mexico (round r2023-0a1b2c3d) could not be delivered after 1 attempt. It is kept in the round's outbox", email.Text);
        Assert.Contains("Kind: overdue\nSubject: MEM 2023: Mexico questionnaire submission is overdue\nLast error: 421 4.4.2 Connection timed out", email.Text);
        Assert.EndsWith("Outbox: https://mem.oas.org/rounds/r2023-0a1b2c3d/outbox", email.Text);
        Assert.Contains("href=\"https://mem.oas.org/rounds/r2023-0a1b2c3d/outbox\"", email.Html);
        Assert.Contains(">Open the outbox</a>", email.Html);
    }

    [Fact]
    public void WithoutAMemberStateOrAYearInTheRoundId_TheAlertSaysWhatItKnows()
    {
        var email = DeliveryAlertEmail.For(MemUnit with { Language = "fr" }, "x@example.org", EmailKind.Reminder, "MEM 2024: ...", "legacy-round", null, 5, "bounced", Portal);
        Assert.Equal("MEM : courriel non distribué à x@example.org", email.Subject);
        Assert.Contains("Un courriel concernant le cycle legacy-round n'a pas pu être distribué après 5 tentatives", email.Text);
        Assert.EndsWith("Boîte d'envoi : https://mem.oas.org/rounds/legacy-round/outbox", email.Text);
    }
}
