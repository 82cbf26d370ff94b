using System.Text.RegularExpressions;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Notifications;

using static MemWorkflow.Core.Tests.Notifications.EmailSamples;

namespace MemWorkflow.Core.Tests.Notifications;

/// <summary>What holds for every email in every language: the recipient's language, the portal link,
/// the deadline in bold, text without markup, HTML with nothing but its own markup.</summary>
public sealed partial class EmailRenderingSpecs
{
    /// <summary>Each language with its recipient and the state their emails are about.</summary>
    public static readonly Dictionary<string, (Recipient To, string State, string Greeting, string Signature)> Languages = new()
    {
        ["en"] = (Andrew, "JAM", "Dear Andrew Campbell,", "MEM Unit, CICAD/OAS"),
        ["es"] = (Ana, "MEX", "Estimado/a Ana Gómez:", "Unidad del MEM, CICAD/OEA"),
        ["fr"] = (Claire, "MEX", "Bonjour Claire Tremblay,", "Unité du MEM, CICAD/OEA"),
        ["pt"] = (Mariana, "BRA", "Prezado(a) Mariana Souza,", "Unidade do MEM, CICAD/OEA"),
    };

    /// <summary>To the MEM Unit about its own work: not signed by it.</summary>
    private static readonly string[] Notices = ["submissionNotice", "escalation", "expertDeclined", "deliveryAlert", "workflowAlert"];

    private static readonly string[] WithoutDeadline = ["evaluationWithdrawn", "submissionReceived", "submissionNotice", "expertDeclined", "published", "deliveryAlert", "workflowAlert"];

    private static readonly HashSet<string> OwnTags = ["!DOCTYPE", "html", "head", "meta", "title", "body", "div", "h1", "p", "br", "strong", "a", "ul", "li"];

    public static TheoryData<string, string> Everything()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in Languages.Keys)
            foreach (var kind in Cases)
                data.Add(language, kind);
        return data;
    }

    [Fact]
    public void TheSamples_CoverEveryKindOfEmail()
    {
        // The sign-in link is about no evaluation: SignInEmailSpecs covers it.
        var kinds = typeof(EmailKind).GetFields().Select(f => (string)f.GetValue(null)!).Where(k => k != EmailKind.SignInLink).ToHashSet();
        var (to, state, _, _) = Languages["en"];
        Assert.Equal(kinds.Order(), All(to, state).Values.Select(e => e.Kind).Distinct().Order());
        Assert.Equal(Cases, All(to, state).Keys);
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void EveryEmail_IsInTheRecipientsLanguage_LinksThePortal_AndLeavesNoPlaceholder(string language, string kind)
    {
        var (to, state, greeting, signature) = Languages[language];
        var email = All(to, state)[kind];
        // The page where the recipient acts: the evaluation, or for a delivery alert the round's outbox.
        var evaluation = kind == "deliveryAlert" ? $"https://mem.oas.org/rounds/{RoundId}/outbox" : $"https://mem.oas.org/rounds/{RoundId}/countries/{state}";

        Assert.Equal(to, email.To);
        Assert.StartsWith("MEM 2023", email.Subject);
        Assert.StartsWith(greeting + "\n\n", email.Text);
        if (Notices.Contains(kind))
            Assert.EndsWith(evaluation, email.Text);
        else
            Assert.EndsWith("\n\n" + signature, email.Text);
        Assert.Contains(evaluation, email.Text);
        Assert.Contains($"href=\"{evaluation}", email.Html);
        foreach (var part in new[] { email.Subject, email.Text, email.Html! })
        {
            Assert.DoesNotContain("{", part);
            Assert.DoesNotContain("}", part);
            Assert.DoesNotContain("  ", part);
        }
        Assert.DoesNotMatch(@"\b(Nce|Geg|MemUnit|InReview|ConsultantReview|CountryReview|AwaitingApproval)\b", email.Text);
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void TheText_HasNoMarkup_AndTheHtml_OnlyItsOwn(string language, string kind)
    {
        var (to, state, _, _) = Languages[language];
        var email = All(to, state)[kind];

        Assert.DoesNotMatch("<[a-zA-Z/!]", email.Text);
        Assert.DoesNotMatch("&(amp|lt|gt|quot|#[0-9]+);", email.Text);

        var html = email.Html!;
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"" + language + "\">", html);
        Assert.EndsWith("</html>\n", html);
        Assert.Subset(OwnTags, TagRegex().Matches(html).Select(m => m.Groups[1].Value).ToHashSet());
        Assert.Contains($"<title>{System.Net.WebUtility.HtmlEncode(email.Subject)}</title>", html);
        Assert.Contains("<h1 ", html);
        Assert.Equal(!WithoutDeadline.Contains(kind), html.Contains("<strong>", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void WhatPeopleTyped_IsEncodedInTheHtml_AndVerbatimInTheText(string language, string kind)
    {
        const string script = "<script>alert(1)</script>";
        const string encoded = "&lt;script&gt;alert(1)&lt;/script&gt;";
        var (to, state, _, _) = Languages[language];
        var hostile = to with { Name = PeopleText.Hostile.Reason };
        var email = All(hostile, state, PeopleText.Hostile)[kind];
        var html = email.Html!;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"quotes\"", html);
        Assert.DoesNotContain("& ampersands", html);
        Assert.Contains("&quot;quotes&quot; &amp; ampersands", html);
        Assert.Subset(OwnTags, TagRegex().Matches(html).Select(m => m.Groups[1].Value).ToHashSet());
        Assert.Contains($"{PeopleText.Hostile.Reason}", email.Text);
        // Every quotation in the text (and the subject, which the HTML shows three times) is there, encoded.
        Assert.Equal(Count(email.Text, script) + 3 * Count(email.Subject, script), Count(html, encoded));
    }

    [Fact]
    public void MultiLineComments_KeepTheirLines_InBothBodies()
    {
        var email = All(Andrew, "JAM")["countryCommented"];
        Assert.Contains("The country's comments:\nParagraph 3 should mention the 2023 treatment law.\nPlease use the updated seizure figures.", email.Text);
        Assert.Contains("Paragraph 3 should mention the 2023 treatment law.<br>\nPlease use the updated seizure figures.", email.Html);
    }

    [Fact]
    public void ThePortalLink_IsAButton_AndAVisibleAddress()
    {
        var html = All(Ana, "MEX")["questionnaireIssued"].Html!;
        var url = $"https://mem.oas.org/rounds/{RoundId}/countries/MEX/questionnaire";
        Assert.Contains($"<a href=\"{url}\" style=\"display:inline-block;", html);
        Assert.Contains(">Abrir el cuestionario</a>", html);
        Assert.Contains($"Cuestionario: <a href=\"{url}\" style=\"color:#0b3d6e;\">{url}</a>", html);
        Assert.Contains("<strong>viernes 5 de marzo de 2027, 23:59 UTC</strong>", html);
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex("<\\s*/?\\s*([a-zA-Z!][a-zA-Z0-9]*)")]
    private static partial Regex TagRegex();
}

/// <summary>The thematic areas an email names are in the recipient's language, for every evaluation of the round.</summary>
public sealed class ThematicTitleSpecs
{
    public static TheoryData<string, string> EveryEvaluationInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var thematic in MemWorkflow.Core.Catalogue.PlanOfAction2021.EighthRound)
            foreach (var language in new[] { "es", "fr", "pt" })
                data.Add(thematic.Id, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryEvaluationInEveryLanguage))]
    public void TheThematicAreas_AreTranslated(string thematicId, string language)
    {
        var thematic = MemWorkflow.Core.Catalogue.PlanOfAction2021.EighthRound.Single(t => t.Id == thematicId);
        var to = new Recipient("p-1", "Ana Gómez", "ana@example.org", language);
        var issued = new QuestionnaireIssued("MEX", ["IS-1.1"], Due, [to], Due.AddDays(-90));
        var email = Assert.Single(EvaluationEmails.For(issued, new EvaluationContext(RoundId, thematic.Title, thematic.Year, "MEX", Portal)));

        Assert.DoesNotContain(thematic.Title, email.Text);
        Assert.Contains($" ({thematic.Year}).", email.Text);
    }

    [Fact]
    public void AnEnglishReader_GetsTheCatalogueTitle()
    {
        var thematic = MemWorkflow.Core.Catalogue.PlanOfAction2021.EighthRound.Single(t => t.Id == "R8-2024");
        var issued = new QuestionnaireIssued("JAM", ["IS-1.1"], Due, [Andrew], Due.AddDays(-90));
        var email = Assert.Single(EvaluationEmails.For(issued, new EvaluationContext(RoundId, thematic.Title, thematic.Year, "JAM", Portal)));

        Assert.Contains("Comprehensive Evaluation (2024)", email.Text);
    }
}
