using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Core.Notifications;

internal sealed class FrenchTemplates : EmailTemplates
{
    public override string Language => "fr";

    protected override IReadOnlyDictionary<string, string> ThematicTitles { get; } = new Dictionary<string, string>
    {
        ["Measures for Prevention, Treatment, and Recovery Support"] = "Mesures de prévention, de traitement et de soutien au rétablissement",
        ["Measures to Control and Counter the Illicit Cultivation, Production, Trafficking, and Distribution of Drugs, and to Address their Causes and Consequences"] = "Mesures de contrôle et de lutte contre la culture, la production, le trafic et la distribution illicites de drogues, et de traitement de leurs causes et conséquences",
        ["Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation"] = "Renforcement institutionnel ; recherche, information, suivi et évaluation ; coopération internationale",
        ["Comprehensive Evaluation"] = "Évaluation globale",
    };

    protected override Line Greeting(string name) => $"Bonjour {name},";

    protected override string Signature => "Unité du MEM, CICAD/OEA";

    protected override string Colon => " : ";

    protected override (string Label, string Button) Page(PortalPage page) => page switch
    {
        PortalPage.Questionnaire => ("Questionnaire", "Ouvrir le questionnaire"),
        PortalPage.Submission => ("Réponses", "Voir les réponses"),
        PortalPage.Report => ("Rapport", "Lire le rapport"),
        PortalPage.Outbox => ("Boîte d'envoi", "Ouvrir la boîte d'envoi"),
        PortalPage.SignIn => ("Lien de connexion", "Se connecter au portail du MEM"),
        _ => ("Évaluation", "Ouvrir l'évaluation"),
    };

    protected override string What(Stage stage) => stage switch
    {
        Stage.Issued => "remise du questionnaire",
        Stage.InReview or Stage.RevisionRequested => "projet d'évaluation du GEG",
        Stage.ConsultantReview => "avis du consultant",
        Stage.CountryReview => "examen du projet par le pays",
        Stage.AwaitingApproval => "approbation du rapport",
        _ => "étape de l'évaluation",
    };

    protected override string Who(Owner owner) => owner switch
    {
        Owner.Nce => "l'entité de coordination nationale",
        Owner.Geg => "les experts du GEG",
        Owner.Consultant => "le consultant",
        Owner.MemUnit => "l'Unité du MEM",
        _ => "personne",
    };

    protected override string Days(int n) => n == 1 ? "1 jour" : $"{n} jours";

    public override Message QuestionnaireIssued(Recipient to, EvaluationContext c, int priorityActions, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : questionnaire {Of(c)} ouvert, échéance le {Day(due)}",
            P($"Le questionnaire du Mécanisme d'évaluation multilatérale {Of(c)} est ouvert : {Thematic(c)} ({c.Year}).",
                $"Il comporte {priorityActions} actions prioritaires auxquelles répondre, chacune avec ses moyens de vérification."),
            P($"Date limite de remise : {Due(due)}", Link(PortalPage.Questionnaire, c)));

    public override Message DeadlineExtended(Recipient to, EvaluationContext c, DateTimeOffset previousDue, DateTimeOffset due, string reason) =>
        Mail(to, $"{Mem(c)} : nouvelle échéance pour l'évaluation {Of(c)} : {Day(due)}",
            P($"L'Unité du MEM a prolongé le délai de l'évaluation {Of(c)} ({Thematic(c)}, {c.Year})."),
            P($"Échéance précédente : {On(previousDue)}", $"Nouvelle échéance : {Due(due)}", $"Motif : {reason}"),
            P(Link(PortalPage.Evaluation, c)));

    public override Message EvaluationWithdrawn(Recipient to, EvaluationContext c, string reason) =>
        Mail(to, $"{Mem(c)} : l'évaluation {Of(c)} est retirée",
            P($"L'Unité du MEM a annulé le cycle, et l'évaluation {Of(c)} ({Thematic(c)}, {c.Year}) est retirée.", $"Motif : {reason}"),
            P("Plus rien n'est attendu de votre part pour cette évaluation."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message SubmissionReceived(Recipient to, EvaluationContext c, QuestionnaireSubmitted s) =>
        Mail(to, $"{Mem(c)} : questionnaire {Of(c)} reçu",
            P($"L'Unité du MEM a reçu le questionnaire {Of(c)} ({Thematic(c)}, {c.Year}) le {On(s.At)}{Lateness(s)}.",
                $"Il contient {s.Answers} réponses et {s.Documents} moyens de vérification, et n'est plus modifiable.",
                "Le Groupe d'experts gouvernementaux l'évaluera ensuite."),
            P(Link(PortalPage.Submission, c)));

    public override Message SubmissionNotice(Recipient to, EvaluationContext c, QuestionnaireSubmitted s) =>
        Notice(to, $"{Mem(c)} : questionnaire {Of(c)} soumis{(s.Late ? " (en retard)" : "")}",
            P($"Le questionnaire {Of(c)} ({Thematic(c)}, {c.Year}) a été soumis le {On(s.At)}{Lateness(s)} :",
                $"{s.Answers} réponses, {s.Documents} moyens de vérification. Il est prêt pour l'affectation du GEG."),
            P(Link(PortalPage.Evaluation, c)));

    private string Lateness(QuestionnaireSubmitted s) => s.Late && s.Due is { } due ? $", après l'échéance du {On(due)}" : "";

    public override Message Reminder(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int days) =>
        Mail(to, $"{Mem(c)} : {Country(c)} – {What(stage)}, échéance dans {Days(days)}",
            P($"Nous vous rappelons que l'étape « {What(stage)} » de l'évaluation {Of(c)} ({Thematic(c)}, {c.Year}) arrive à échéance le {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Overdue(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : {Country(c)} – {What(stage)}, en retard",
            P($"L'étape « {What(stage)} » de l'évaluation {Of(c)} ({Thematic(c)}, {c.Year}) arrivait à échéance le {Due(due)} et n'est pas encore achevée.",
                "Veuillez la compléter dès que possible, ou demander une prolongation à l'Unité du MEM."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Escalation(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int graceDays) =>
        Notice(to, $"{Mem(c)} : {Country(c)} – {What(stage)}, en retard depuis le {Day(due)}",
            P($"L'étape « {What(stage)} » de l'évaluation {Of(c)} ({Thematic(c)}, {c.Year}) arrivait à échéance le {Due(due)} et reste en suspens après {Days(graceDays)} de grâce.",
                $"En attente de : {Who(Stages.OwnerOf(stage))}. Les responsables de l'évaluation ont reçu des rappels et un avis de retard."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Assigned(Recipient to, EvaluationContext c, bool consultant, DateTimeOffset? submissionDue, int draftDays) =>
        Mail(to, $"{Mem(c)} : affectation à l'évaluation {Of(c)}",
            P(consultant
                    ? $"L'Unité du MEM vous confie la consultation technique indépendante de l'évaluation {Of(c)} ({Thematic(c)}, {c.Year})."
                    : $"L'Unité du MEM vous confie l'évaluation {Of(c)} ({Thematic(c)}, {c.Year}) en tant que membre du GEG.",
                Submission(submissionDue),
                $"Le projet d'évaluation est attendu {draftDays} jours après que les réponses du pays vous sont parvenues."),
            P(Link(PortalPage.Evaluation, c)));

    private Line Submission(DateTimeOffset? due)
    {
        if (due is { } at)
            return $"Le questionnaire du pays est attendu le {Due(at)} ; nous vous informerons de sa réception.";
        return "Le pays a déjà soumis son questionnaire.";
    }

    public override Message SubmissionReady(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : les réponses {Of(c)} sont prêtes pour votre évaluation",
            P($"Le questionnaire et les moyens de vérification {Of(c)} ({Thematic(c)}, {c.Year}) sont disponibles.",
                $"Votre projet d'évaluation, avec un résumé évaluatif pour chaque objectif, est attendu le {Due(due)}."),
            P(Link(PortalPage.Submission, c)));

    public override Message Replacement(Recipient to, EvaluationContext c, DateTimeOffset? due) =>
        Mail(to, $"{Mem(c)} : affectation à l'évaluation {Of(c)}",
            P($"L'Unité du MEM vous confie l'évaluation {Of(c)} ({Thematic(c)}, {c.Year}) en tant que membre du GEG,",
                "en remplacement d'un expert qui n'a pas pu y participer.",
                ReplacementDue(due)),
            P(Link(PortalPage.Evaluation, c)));

    private Line ReplacementDue(DateTimeOffset? due)
    {
        if (due is { } at)
            return $"Les réponses du pays sont disponibles : votre projet d'évaluation est attendu le {Due(at)}.";
        return "Nous vous informerons de la réception du questionnaire du pays.";
    }

    public override Message ExpertDeclined(Recipient to, EvaluationContext c, string declinedId, string reason, Recipient replacement) =>
        Notice(to, $"{Mem(c)} : un expert s'est désisté de l'évaluation {Of(c)} ; {replacement.Name} le remplace",
            P($"L'expert {declinedId} s'est désisté de l'évaluation {Of(c)} ({Thematic(c)}, {c.Year}).",
                $"Motif : {reason}",
                $"Remplaçant : {replacement.Name} ({replacement.ParticipantId}) ; aucun autre siège n'a changé."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message ConsultantReviewRequested(Recipient to, EvaluationContext c, int iteration, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : projet d'évaluation {Of(c)} prêt pour votre examen",
            P($"Les experts du GEG ont soumis le projet d'évaluation {Of(c)} (itération {iteration}). Veuillez l'approuver ou demander des modifications au plus tard le {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message RevisedDraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : projet révisé {Of(c)} prêt pour approbation",
            P($"Les experts du GEG ont révisé le projet {Of(c)} à la suite des commentaires du pays. Il attend son approbation d'ici le {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message CountryReview(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : le projet d'évaluation {Of(c)} est prêt pour votre examen",
            P($"Le projet d'évaluation {Of(c)} est prêt. Vous pouvez le commenter ou l'accepter jusqu'au {Due(due)} ; sans réponse d'ici là, il passera à l'approbation."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message DraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : projet d'évaluation {Of(c)} prêt pour approbation",
            P($"Le consultant a approuvé le projet d'évaluation {Of(c)}. Il attend son approbation d'ici le {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message ChangesRequested(Recipient to, EvaluationContext c, int iteration, IReadOnlyList<ReviewComment> comments, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : modifications demandées au projet d'évaluation {Of(c)}",
        [
            P($"Le consultant demande des modifications au projet d'évaluation {Of(c)} (itération {iteration}). Veuillez le réviser au plus tard le {Due(due)}."),
            .. Comments(comments, id => id is null ? "Général" : $"Objectif {id}"),
            P(Link(PortalPage.Evaluation, c)),
        ]);

    public override Message CountryAccepted(Recipient to, EvaluationContext c, string note, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : projet d'évaluation {Of(c)} accepté par le pays",
        [
            P($"Le pays a accepté le projet d'évaluation {Of(c)}. Il attend son approbation d'ici le {Due(due)}."),
            .. Note(note, $"Note du pays : {note}"),
            P(Link(PortalPage.Evaluation, c)),
        ]);

    public override Message CountryCommented(Recipient to, EvaluationContext c, string comments, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)} : commentaires du pays sur le projet d'évaluation {Of(c)}",
            P($"Le pays a envoyé des commentaires sur le projet d'évaluation {Of(c)}. Vous pouvez le réviser une dernière fois jusqu'au {Due(due)}."),
            P("Commentaires du pays :", comments),
            P(Link(PortalPage.Evaluation, c)));

    public override Message CountryReviewLapsed(Recipient to, EvaluationContext c, DateTimeOffset due, DateTimeOffset approvalDue) =>
        Mail(to, $"{Mem(c)} : pas de commentaires du pays sur le projet {Of(c)} ; il attend son approbation",
            P($"Le pays n'a pas commenté le projet d'évaluation {Of(c)} avant le {On(due)}. Le projet poursuit son cours et attend son approbation d'ici le {Due(approvalDue)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Published(Recipient to, EvaluationContext c, DateTimeOffset at) =>
        Mail(to, $"{Mem(c)} : le rapport d'évaluation {Of(c)} est publié",
            P($"Le rapport d'évaluation du MEM {Of(c)} ({Thematic(c)}, {c.Year}) a été publié le {On(at)}."),
            P(Link(PortalPage.Report, c)),
            P(Link(PortalPage.Evaluation, c)));

    public override Message DeliveryAlert(Recipient to, EvaluationContext c, Uri outbox, string failedTo, string kind, string subject, int attempts, string lastError) =>
        Notice(to, $"{Mem(c)} : courriel non distribué à {failedTo}{InParentheses(c)}",
            P($"Un courriel concernant {(HasCountry(c) ? $"l'évaluation {Of(c)} (cycle {c.RoundId})" : $"le cycle {c.RoundId}")} n'a pas pu être distribué après {attempts} {(attempts == 1 ? "tentative" : "tentatives")}. Il est conservé dans la boîte d'envoi du cycle, d'où il peut être renvoyé manuellement."),
            P($"Destinataire : {failedTo}", $"Type : {kind}", $"Objet : {subject}", $"Dernière erreur : {lastError}"),
            P("Veuillez vérifier l'adresse du destinataire dans l'annuaire des participants avant de le renvoyer."),
            P(Link(PortalPage.Outbox, outbox)));

    public override Message WorkflowAlert(Recipient to, EvaluationContext c, Uri page, DateTimeOffset since, int failures, string lastError) =>
        Notice(to, $"{Mem(c)} : les étapes automatiques échouent encore{InParentheses(c)}",
            P($"Depuis le {On(since)}, les étapes automatiques de {(HasCountry(c) ? $"l'évaluation {Of(c)} (cycle {c.RoundId})" : $"du cycle {c.RoundId}")} ont échoué {failures} fois de suite. Elles sont relancées avec des pauses croissantes : rappels et courriels peuvent être en retard ; rien de ce qui a été écrit n'est perdu."),
            P($"Dernière erreur : {lastError}"),
            P("Merci de demander à l'équipe technique d'examiner le problème. L'incident se ferme de lui-même dès qu'une étape réussit."),
            P(Link(HasCountry(c) ? PortalPage.Evaluation : PortalPage.Outbox, page)));

    public override Message SignInLink(Recipient to, Uri link, int minutes) =>
        Mail(to, "Votre lien de connexion au portail du MEM",
            P($"Quelqu'un, probablement vous, a demandé à se connecter au portail du MEM avec cette adresse. Le lien ci-dessous ne sert qu'une fois, pendant {minutes} minutes."),
            P(Link(PortalPage.SignIn, link)),
            P("Si vous ne l'avez pas demandé, ignorez ce courriel : personne ne peut se connecter sans le lien."));
}
