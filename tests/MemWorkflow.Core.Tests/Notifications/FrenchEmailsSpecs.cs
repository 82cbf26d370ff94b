using static MemWorkflow.Core.Tests.Notifications.EmailSamples;

namespace MemWorkflow.Core.Tests.Notifications;

/// <summary>Every email as Claire Tremblay, whose first language is French, reads it about Mexico.</summary>
public sealed class FrenchEmailsSpecs
{
    [Theory]
    [InlineData("questionnaireIssued", "MEM 2023 : questionnaire du Mexique ouvert, échéance le 5 mars 2027",
        "Date limite de remise : vendredi 5 mars 2027, 23 h 59 UTC\nQuestionnaire : https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX/questionnaire")]
    [InlineData("deadlineExtended", "MEM 2023 : nouvelle échéance pour l'évaluation du Mexique : 4 avril 2027",
        "Échéance précédente : vendredi 5 mars 2027, 23 h 59 UTC\nNouvelle échéance : dimanche 4 avril 2027, 23 h 59 UTC\nMotif : Elections in June")]
    [InlineData("evaluationWithdrawn", "MEM 2023 : l'évaluation du Mexique est retirée",
        "L'Unité du MEM a annulé le cycle, et l'évaluation du Mexique")]
    [InlineData("submissionReceived", "MEM 2023 : questionnaire du Mexique reçu",
        "le lundi 8 mars 2027, 23 h 59 UTC, après l'échéance du vendredi 5 mars 2027, 23 h 59 UTC.\nIl contient 27 réponses et 41 moyens de vérification, et n'est plus modifiable.")]
    [InlineData("submissionNotice", "MEM 2023 : questionnaire du Mexique soumis (en retard)",
        "27 réponses, 41 moyens de vérification. Il est prêt pour l'affectation du GEG.")]
    [InlineData("reminder", "MEM 2023 : Mexique – remise du questionnaire, échéance dans 7 jours",
        "Nous vous rappelons que l'étape « remise du questionnaire » de l'évaluation du Mexique (Renforcement institutionnel ; recherche, information, suivi et évaluation ; coopération internationale, 2023) arrive à échéance le vendredi 5 mars 2027, 23 h 59 UTC.")]
    [InlineData("overdue", "MEM 2023 : Mexique – remise du questionnaire, en retard",
        "arrivait à échéance le vendredi 5 mars 2027, 23 h 59 UTC et n'est pas encore achevée.\nVeuillez la compléter dès que possible, ou demander une prolongation à l'Unité du MEM.")]
    [InlineData("escalation", "MEM 2023 : Mexique – remise du questionnaire, en retard depuis le 5 mars 2027",
        "reste en suspens après 7 jours de grâce.\nEn attente de : l'entité de coordination nationale.")]
    [InlineData("assignmentExpert", "MEM 2023 : affectation à l'évaluation du Mexique",
        "en tant que membre du GEG.\nLe questionnaire du pays est attendu le vendredi 5 mars 2027, 23 h 59 UTC ; nous vous informerons de sa réception.")]
    [InlineData("assignmentConsultant", "MEM 2023 : affectation à l'évaluation du Mexique",
        "L'Unité du MEM vous confie la consultation technique indépendante de l'évaluation du Mexique")]
    [InlineData("submissionReadyForReview", "MEM 2023 : les réponses du Mexique sont prêtes pour votre évaluation",
        "Votre projet d'évaluation, avec un résumé évaluatif pour chaque objectif, est attendu le vendredi 5 mars 2027, 23 h 59 UTC.\n\nRéponses : https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX/submission")]
    [InlineData("assignmentReplacement", "MEM 2023 : affectation à l'évaluation du Mexique",
        "en remplacement d'un expert qui n'a pas pu y participer.\nLes réponses du pays sont disponibles : votre projet d'évaluation est attendu le vendredi 5 mars 2027, 23 h 59 UTC.")]
    [InlineData("expertDeclined", "MEM 2023 : un expert s'est désisté de l'évaluation du Mexique ; Rafael Ortiz le remplace",
        "Motif : Elections in June: the new administration needs 30 more days.\nRemplaçant : Rafael Ortiz (p-rortiz) ; aucun autre siège n'a changé.")]
    [InlineData("consultantReviewRequested", "MEM 2023 : projet d'évaluation du Mexique prêt pour votre examen",
        "Les experts du GEG ont soumis le projet d'évaluation du Mexique (itération 1). Veuillez l'approuver ou demander des modifications au plus tard le vendredi 5 mars 2027, 23 h 59 UTC.")]
    [InlineData("revisedDraftForApproval", "MEM 2023 : projet révisé du Mexique prêt pour approbation",
        "Il attend son approbation d'ici le vendredi 5 mars 2027, 23 h 59 UTC.")]
    [InlineData("countryReview", "MEM 2023 : le projet d'évaluation du Mexique est prêt pour votre examen",
        "Vous pouvez le commenter ou l'accepter jusqu'au vendredi 5 mars 2027, 23 h 59 UTC ; sans réponse d'ici là, il passera à l'approbation.")]
    [InlineData("draftForApproval", "MEM 2023 : projet d'évaluation du Mexique prêt pour approbation",
        "Le consultant a approuvé le projet d'évaluation du Mexique. Il attend son approbation d'ici le vendredi 5 mars 2027, 23 h 59 UTC.")]
    [InlineData("changesRequested", "MEM 2023 : modifications demandées au projet d'évaluation du Mexique",
        "Veuillez le réviser au plus tard le vendredi 5 mars 2027, 23 h 59 UTC.\n\n- Général : Cite the 2022 national drug strategy as the legal basis.\n- Objectif IS-1 : Cite")]
    [InlineData("countryAccepted", "MEM 2023 : projet d'évaluation du Mexique accepté par le pays",
        "Il attend son approbation d'ici le vendredi 5 mars 2027, 23 h 59 UTC.\n\nNote du pays : Paragraph 3")]
    [InlineData("countryCommented", "MEM 2023 : commentaires du pays sur le projet d'évaluation du Mexique",
        "Vous pouvez le réviser une dernière fois jusqu'au vendredi 5 mars 2027, 23 h 59 UTC.\n\nCommentaires du pays :\nParagraph 3")]
    [InlineData("countryReviewLapsed", "MEM 2023 : pas de commentaires du pays sur le projet du Mexique ; il attend son approbation",
        "avant le vendredi 5 mars 2027, 23 h 59 UTC. Le projet poursuit son cours et attend son approbation d'ici le vendredi 19 mars 2027, 23 h 59 UTC.")]
    [InlineData("published", "MEM 2023 : le rapport d'évaluation du Mexique est publié",
        "a été publié le mardi 4 mai 2027, 23 h 59 UTC.\n\nRapport : https://mem.oas.org/reports/r2023-0a1b2c3d/MEX")]
    [InlineData("deliveryAlert", "MEM 2023 : courriel non distribué à rafael.ortiz@mininterior.gov.co (Mexique)",
        "n'a pas pu être distribué après 8 tentatives. Il est conservé dans la boîte d'envoi du cycle, d'où il peut être renvoyé manuellement.\n\nDestinataire : rafael.ortiz@mininterior.gov.co\nType : reminder\nObjet : MEM 2023: Mexico questionnaire submission due in 7 days\nDernière erreur : 550 5.1.1 Mailbox unavailable")]
    public void EveryKind_InFrench(string kind, string subject, string line)
    {
        var email = All(Claire, "MEX")[kind];
        Assert.Equal(subject, email.Subject);
        Assert.Contains(line, email.Text);
        Assert.Contains("<html lang=\"fr\">", email.Html);
    }
}
