using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Core.Notifications;

internal sealed class PortugueseTemplates : EmailTemplates
{
    public override string Language => "pt";

    protected override IReadOnlyDictionary<string, string> ThematicTitles { get; } = new Dictionary<string, string>
    {
        ["Measures for Prevention, Treatment, and Recovery Support"] = "Medidas de Prevenção, Tratamento e Apoio à Recuperação",
        ["Measures to Control and Counter the Illicit Cultivation, Production, Trafficking, and Distribution of Drugs, and to Address their Causes and Consequences"] = "Medidas para Controlar e Combater o Cultivo, a Produção, o Tráfico e a Distribuição Ilícitos de Drogas e para Abordar suas Causas e Consequências",
        ["Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation"] = "Fortalecimento Institucional; Pesquisa, Informação, Monitoramento e Avaliação; Cooperação Internacional",
        ["Comprehensive Evaluation"] = "Avaliação Abrangente",
    };

    protected override Line Greeting(string name) => $"Prezado(a) {name},";

    protected override string Signature => "Unidade do MEM, CICAD/OEA";

    protected override (string Label, string Button) Page(PortalPage page) => page switch
    {
        PortalPage.Questionnaire => ("Questionário", "Abrir o questionário"),
        PortalPage.Submission => ("Respostas", "Ver as respostas"),
        PortalPage.Report => ("Relatório", "Ler o relatório"),
        PortalPage.Outbox => ("Caixa de saída", "Abrir a caixa de saída"),
        PortalPage.SignIn => ("Link de acesso", "Entrar no portal do MEM"),
        _ => ("Avaliação", "Abrir a avaliação"),
    };

    protected override string What(Stage stage) => stage switch
    {
        Stage.Issued => "entrega do questionário",
        Stage.InReview or Stage.RevisionRequested => "minuta de avaliação do GEG",
        Stage.ConsultantReview => "parecer do consultor",
        Stage.CountryReview => "revisão da minuta pelo país",
        Stage.AwaitingApproval => "aprovação do relatório",
        _ => "etapa da avaliação",
    };

    protected override string Who(Owner owner) => owner switch
    {
        Owner.Nce => "a entidade coordenadora nacional",
        Owner.Geg => "os especialistas do GEG",
        Owner.Consultant => "o consultor",
        Owner.MemUnit => "a Unidade do MEM",
        _ => "ninguém",
    };

    protected override string Days(int n) => n == 1 ? "1 dia" : $"{n} dias";

    public override Message QuestionnaireIssued(Recipient to, EvaluationContext c, int priorityActions, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: questionário {Of(c)} disponível, prazo até {Day(due)}",
            P($"O questionário do Mecanismo de Avaliação Multilateral {Of(c)} está aberto: {Thematic(c)} ({c.Year}).",
                $"Ele contém {priorityActions} ações prioritárias a responder, cada uma com seus meios de verificação."),
            P($"Prazo de entrega: {Due(due)}", Link(PortalPage.Questionnaire, c)));

    public override Message DeadlineExtended(Recipient to, EvaluationContext c, DateTimeOffset previousDue, DateTimeOffset due, string reason) =>
        Mail(to, $"{Mem(c)}: novo prazo para a avaliação {Of(c)}: {Day(due)}",
            P($"A Unidade do MEM prorrogou o prazo da avaliação {Of(c)} ({Thematic(c)}, {c.Year})."),
            P($"Prazo anterior: {On(previousDue)}", $"Novo prazo: {Due(due)}", $"Motivo: {reason}"),
            P(Link(PortalPage.Evaluation, c)));

    public override Message EvaluationWithdrawn(Recipient to, EvaluationContext c, string reason) =>
        Mail(to, $"{Mem(c)}: a avaliação {Of(c)} foi retirada",
            P($"A Unidade do MEM cancelou a rodada, e a avaliação {Of(c)} ({Thematic(c)}, {c.Year}) foi retirada.", $"Motivo: {reason}"),
            P("Nada mais é necessário de sua parte para esta avaliação."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message SubmissionReceived(Recipient to, EvaluationContext c, QuestionnaireSubmitted s) =>
        Mail(to, $"{Mem(c)}: questionário {Of(c)} recebido",
            P($"A Unidade do MEM recebeu o questionário {Of(c)} ({Thematic(c)}, {c.Year}) em {On(s.At)}{Lateness(s)}.",
                $"Ele contém {s.Answers} respostas e {s.Documents} meios de verificação, e não pode mais ser alterado.",
                "O Grupo de Especialistas Governamentais irá avaliá-lo em seguida."),
            P(Link(PortalPage.Submission, c)));

    public override Message SubmissionNotice(Recipient to, EvaluationContext c, QuestionnaireSubmitted s) =>
        Notice(to, $"{Mem(c)}: questionário {Of(c)} enviado{(s.Late ? " (com atraso)" : "")}",
            P($"O questionário {Of(c)} ({Thematic(c)}, {c.Year}) foi enviado em {On(s.At)}{Lateness(s)}:",
                $"{s.Answers} respostas, {s.Documents} meios de verificação. Está pronto para a designação do GEG."),
            P(Link(PortalPage.Evaluation, c)));

    private string Lateness(QuestionnaireSubmitted s) => s.Late && s.Due is { } due ? $", após o prazo de {On(due)}" : "";

    public override Message Reminder(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int days) =>
        Mail(to, $"{Mem(c)}: {Country(c)} – {What(stage)}, vence em {Days(days)}",
            P($"Lembramos que o prazo da etapa “{What(stage)}” da avaliação {Of(c)} ({Thematic(c)}, {c.Year}) vence em {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Overdue(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: {Country(c)} – {What(stage)}, prazo vencido",
            P($"O prazo da etapa “{What(stage)}” da avaliação {Of(c)} ({Thematic(c)}, {c.Year}) venceu em {Due(due)} e a etapa continua pendente.",
                "Por favor, conclua-a o quanto antes ou solicite uma prorrogação à Unidade do MEM."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Escalation(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int graceDays) =>
        Notice(to, $"{Mem(c)}: {Country(c)} – {What(stage)}, em atraso desde {Day(due)}",
            P($"O prazo da etapa “{What(stage)}” da avaliação {Of(c)} ({Thematic(c)}, {c.Year}) venceu em {Due(due)} e a etapa continua pendente após {Days(graceDays)} de carência.",
                $"Aguardando: {Who(Stages.OwnerOf(stage))}. Os responsáveis pela avaliação receberam lembretes e um aviso de atraso."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Assigned(Recipient to, EvaluationContext c, bool consultant, DateTimeOffset? submissionDue, int draftDays) =>
        Mail(to, $"{Mem(c)}: designação para a avaliação {Of(c)}",
            P(consultant
                    ? $"A Unidade do MEM confiou a você a consultoria técnica independente da avaliação {Of(c)} ({Thematic(c)}, {c.Year})."
                    : $"A Unidade do MEM designou você para a avaliação {Of(c)} ({Thematic(c)}, {c.Year}) como integrante do GEG.",
                Submission(submissionDue),
                $"A minuta de avaliação deve ser entregue {draftDays} dias após você receber as respostas do país."),
            P(Link(PortalPage.Evaluation, c)));

    private Line Submission(DateTimeOffset? due)
    {
        if (due is { } at)
            return $"O prazo do questionário do país vence em {Due(at)}; avisaremos você quando ele chegar.";
        return "O país já enviou seu questionário.";
    }

    public override Message SubmissionReady(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: as respostas {Of(c)} estão prontas para sua avaliação",
            P($"O questionário e os meios de verificação {Of(c)} ({Thematic(c)}, {c.Year}) estão disponíveis.",
                $"Sua minuta de avaliação, com um resumo avaliativo para cada objetivo, deve ser entregue até {Due(due)}."),
            P(Link(PortalPage.Submission, c)));

    public override Message Replacement(Recipient to, EvaluationContext c, DateTimeOffset? due) =>
        Mail(to, $"{Mem(c)}: designação para a avaliação {Of(c)}",
            P($"A Unidade do MEM designou você para a avaliação {Of(c)} ({Thematic(c)}, {c.Year}) como integrante do GEG,",
                "em substituição a um especialista que não pôde participar.",
                ReplacementDue(due)),
            P(Link(PortalPage.Evaluation, c)));

    private Line ReplacementDue(DateTimeOffset? due)
    {
        if (due is { } at)
            return $"As respostas do país estão disponíveis: sua minuta de avaliação deve ser entregue até {Due(at)}.";
        return "Avisaremos você quando o questionário do país chegar.";
    }

    public override Message ExpertDeclined(Recipient to, EvaluationContext c, string declinedId, string reason, Recipient replacement) =>
        Notice(to, $"{Mem(c)}: um especialista recusou a avaliação {Of(c)}; {replacement.Name} o substitui",
            P($"O especialista {declinedId} recusou a avaliação {Of(c)} ({Thematic(c)}, {c.Year}).",
                $"Motivo: {reason}",
                $"Substituto: {replacement.Name} ({replacement.ParticipantId}); nenhuma outra vaga foi alterada."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message ConsultantReviewRequested(Recipient to, EvaluationContext c, int iteration, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: minuta de avaliação {Of(c)} pronta para sua revisão",
            P($"Os especialistas do GEG enviaram a minuta de avaliação {Of(c)} (iteração {iteration}). Por favor, aprove-a ou solicite alterações até {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message RevisedDraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: minuta revisada {Of(c)} pronta para aprovação",
            P($"Os especialistas do GEG revisaram a minuta {Of(c)} após os comentários do país. Ela aguarda aprovação até {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message CountryReview(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: a minuta de avaliação {Of(c)} está pronta para sua revisão",
            P($"A minuta de avaliação {Of(c)} está pronta. Você pode comentá-la ou aceitá-la até {Due(due)}; sem resposta até lá, ela seguirá para aprovação."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message DraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: minuta de avaliação {Of(c)} pronta para aprovação",
            P($"O consultor aprovou a minuta de avaliação {Of(c)}. Ela aguarda aprovação até {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message ChangesRequested(Recipient to, EvaluationContext c, int iteration, IReadOnlyList<ReviewComment> comments, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: alterações solicitadas na minuta de avaliação {Of(c)}",
        [
            P($"O consultor solicita alterações na minuta de avaliação {Of(c)} (iteração {iteration}). Por favor, revise-a até {Due(due)}."),
            .. Comments(comments, id => id is null ? "Geral" : $"Objetivo {id}"),
            P(Link(PortalPage.Evaluation, c)),
        ]);

    public override Message CountryAccepted(Recipient to, EvaluationContext c, string note, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: minuta de avaliação {Of(c)} aceita pelo país",
        [
            P($"O país aceitou a minuta de avaliação {Of(c)}. Ela aguarda aprovação até {Due(due)}."),
            .. Note(note, $"Nota do país: {note}"),
            P(Link(PortalPage.Evaluation, c)),
        ]);

    public override Message CountryCommented(Recipient to, EvaluationContext c, string comments, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: comentários do país sobre a minuta de avaliação {Of(c)}",
            P($"O país enviou comentários sobre a minuta de avaliação {Of(c)}. Você pode revisá-la mais uma vez até {Due(due)}."),
            P("Comentários do país:", comments),
            P(Link(PortalPage.Evaluation, c)));

    public override Message CountryReviewLapsed(Recipient to, EvaluationContext c, DateTimeOffset due, DateTimeOffset approvalDue) =>
        Mail(to, $"{Mem(c)}: sem comentários do país sobre a minuta {Of(c)}; ela aguarda aprovação",
            P($"O país não comentou a minuta de avaliação {Of(c)} até {On(due)}. A minuta segue adiante e aguarda aprovação até {Due(approvalDue)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Published(Recipient to, EvaluationContext c, DateTimeOffset at) =>
        Mail(to, $"{Mem(c)}: o relatório de avaliação {Of(c)} foi publicado",
            P($"O relatório de avaliação do MEM {Of(c)} ({Thematic(c)}, {c.Year}) foi publicado em {On(at)}."),
            P(Link(PortalPage.Report, c)),
            P(Link(PortalPage.Evaluation, c)));

    public override Message DeliveryAlert(Recipient to, EvaluationContext c, Uri outbox, string failedTo, string kind, string subject, int attempts, string lastError) =>
        Notice(to, $"{Mem(c)}: e-mail não entregue para {failedTo}{InParentheses(c)}",
            P($"Um e-mail sobre {(HasCountry(c) ? $"a avaliação {Of(c)} (rodada {c.RoundId})" : $"a rodada {c.RoundId}")} não pôde ser entregue após {attempts} {(attempts == 1 ? "tentativa" : "tentativas")}. Ele está guardado na caixa de saída da rodada, de onde pode ser reenviado manualmente."),
            P($"Destinatário: {failedTo}", $"Tipo: {kind}", $"Assunto: {subject}", $"Último erro: {lastError}"),
            P("Verifique o endereço do destinatário no diretório de participantes antes de reenviá-lo."),
            P(Link(PortalPage.Outbox, outbox)));

    public override Message WorkflowAlert(Recipient to, EvaluationContext c, Uri page, DateTimeOffset since, int failures, string lastError) =>
        Notice(to, $"{Mem(c)}: as etapas automáticas continuam falhando{InParentheses(c)}",
            P($"Desde {On(since)} as etapas automáticas {(HasCountry(c) ? $"da avaliação {Of(c)} (rodada {c.RoundId})" : $"da rodada {c.RoundId}")} falharam {failures} {(failures == 1 ? "vez" : "vezes")} seguidas. Elas são repetidas com pausas crescentes, então lembretes e e-mails podem atrasar; nada do que foi escrito se perde."),
            P($"Último erro: {lastError}"),
            P("Peça à equipe técnica que verifique. O incidente se fecha sozinho quando uma etapa for concluída."),
            P(Link(HasCountry(c) ? PortalPage.Evaluation : PortalPage.Outbox, page)));

    public override Message SignInLink(Recipient to, Uri link, int minutes) =>
        Mail(to, "Seu link de acesso ao portal do MEM",
            P($"Alguém, provavelmente você, pediu para entrar no portal do MEM com este endereço. O link abaixo funciona uma única vez, durante {minutes} minutos."),
            P(Link(PortalPage.SignIn, link)),
            P("Se não foi você, ignore este e-mail: ninguém consegue entrar sem o link."));
}
