using static MemWorkflow.Core.Tests.Notifications.EmailSamples;

namespace MemWorkflow.Core.Tests.Notifications;

/// <summary>Every email as Mariana Souza, NCE of Brazil, whose first language is Portuguese, reads it.</summary>
public sealed class PortugueseEmailsSpecs
{
    [Theory]
    [InlineData("questionnaireIssued", "MEM 2023: questionário do Brasil disponível, prazo até 5 de março de 2027",
        "Prazo de entrega: 5 de março de 2027 (sexta-feira), 23:59 UTC\nQuestionário: https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/BRA/questionnaire")]
    [InlineData("deadlineExtended", "MEM 2023: novo prazo para a avaliação do Brasil: 4 de abril de 2027",
        "Prazo anterior: 5 de março de 2027 (sexta-feira), 23:59 UTC\nNovo prazo: 4 de abril de 2027 (domingo), 23:59 UTC\nMotivo: Elections in June")]
    [InlineData("evaluationWithdrawn", "MEM 2023: a avaliação do Brasil foi retirada",
        "foi retirada.\nMotivo: Elections in June: the new administration needs 30 more days.\n\nNada mais é necessário de sua parte para esta avaliação.")]
    [InlineData("submissionReceived", "MEM 2023: questionário do Brasil recebido",
        "em 8 de março de 2027 (segunda-feira), 23:59 UTC, após o prazo de 5 de março de 2027 (sexta-feira), 23:59 UTC.\nEle contém 27 respostas e 41 meios de verificação, e não pode mais ser alterado.")]
    [InlineData("submissionNotice", "MEM 2023: questionário do Brasil enviado (com atraso)",
        "27 respostas, 41 meios de verificação. Está pronto para a designação do GEG.")]
    [InlineData("reminder", "MEM 2023: Brasil – entrega do questionário, vence em 7 dias",
        "Lembramos que o prazo da etapa “entrega do questionário” da avaliação do Brasil (Fortalecimento Institucional; Pesquisa, Informação, Monitoramento e Avaliação; Cooperação Internacional, 2023) vence em 5 de março de 2027 (sexta-feira), 23:59 UTC.")]
    [InlineData("overdue", "MEM 2023: Brasil – entrega do questionário, prazo vencido",
        "venceu em 5 de março de 2027 (sexta-feira), 23:59 UTC e a etapa continua pendente.\nPor favor, conclua-a o quanto antes ou solicite uma prorrogação à Unidade do MEM.")]
    [InlineData("escalation", "MEM 2023: Brasil – entrega do questionário, em atraso desde 5 de março de 2027",
        "continua pendente após 7 dias de carência.\nAguardando: a entidade coordenadora nacional.")]
    [InlineData("assignmentExpert", "MEM 2023: designação para a avaliação do Brasil",
        "como integrante do GEG.\nO prazo do questionário do país vence em 5 de março de 2027 (sexta-feira), 23:59 UTC; avisaremos você quando ele chegar.")]
    [InlineData("assignmentConsultant", "MEM 2023: designação para a avaliação do Brasil",
        "A Unidade do MEM confiou a você a consultoria técnica independente da avaliação do Brasil")]
    [InlineData("submissionReadyForReview", "MEM 2023: as respostas do Brasil estão prontas para sua avaliação",
        "Sua minuta de avaliação, com um resumo avaliativo para cada objetivo, deve ser entregue até 5 de março de 2027 (sexta-feira), 23:59 UTC.\n\nRespostas: https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/BRA/submission")]
    [InlineData("assignmentReplacement", "MEM 2023: designação para a avaliação do Brasil",
        "em substituição a um especialista que não pôde participar.\nAs respostas do país estão disponíveis: sua minuta de avaliação deve ser entregue até 5 de março de 2027 (sexta-feira), 23:59 UTC.")]
    [InlineData("expertDeclined", "MEM 2023: um especialista recusou a avaliação do Brasil; Rafael Ortiz o substitui",
        "Motivo: Elections in June: the new administration needs 30 more days.\nSubstituto: Rafael Ortiz (p-rortiz); nenhuma outra vaga foi alterada.")]
    [InlineData("consultantReviewRequested", "MEM 2023: minuta de avaliação do Brasil pronta para sua revisão",
        "Os especialistas do GEG enviaram a minuta de avaliação do Brasil (iteração 1). Por favor, aprove-a ou solicite alterações até 5 de março de 2027 (sexta-feira), 23:59 UTC.")]
    [InlineData("revisedDraftForApproval", "MEM 2023: minuta revisada do Brasil pronta para aprovação",
        "Ela aguarda aprovação até 5 de março de 2027 (sexta-feira), 23:59 UTC.")]
    [InlineData("countryReview", "MEM 2023: a minuta de avaliação do Brasil está pronta para sua revisão",
        "Você pode comentá-la ou aceitá-la até 5 de março de 2027 (sexta-feira), 23:59 UTC; sem resposta até lá, ela seguirá para aprovação.")]
    [InlineData("draftForApproval", "MEM 2023: minuta de avaliação do Brasil pronta para aprovação",
        "O consultor aprovou a minuta de avaliação do Brasil. Ela aguarda aprovação até 5 de março de 2027 (sexta-feira), 23:59 UTC.")]
    [InlineData("changesRequested", "MEM 2023: alterações solicitadas na minuta de avaliação do Brasil",
        "Por favor, revise-a até 5 de março de 2027 (sexta-feira), 23:59 UTC.\n\n- Geral: Cite the 2022 national drug strategy as the legal basis.\n- Objetivo IS-1: Cite")]
    [InlineData("countryAccepted", "MEM 2023: minuta de avaliação do Brasil aceita pelo país",
        "Ela aguarda aprovação até 5 de março de 2027 (sexta-feira), 23:59 UTC.\n\nNota do país: Paragraph 3")]
    [InlineData("countryCommented", "MEM 2023: comentários do país sobre a minuta de avaliação do Brasil",
        "Você pode revisá-la mais uma vez até 5 de março de 2027 (sexta-feira), 23:59 UTC.\n\nComentários do país:\nParagraph 3")]
    [InlineData("countryReviewLapsed", "MEM 2023: sem comentários do país sobre a minuta do Brasil; ela aguarda aprovação",
        "até 5 de março de 2027 (sexta-feira), 23:59 UTC. A minuta segue adiante e aguarda aprovação até 19 de março de 2027 (sexta-feira), 23:59 UTC.")]
    [InlineData("published", "MEM 2023: o relatório de avaliação do Brasil foi publicado",
        "foi publicado em 4 de maio de 2027 (terça-feira), 23:59 UTC.\n\nRelatório: https://mem.oas.org/reports/r2023-0a1b2c3d/BRA")]
    [InlineData("deliveryAlert", "MEM 2023: e-mail não entregue para rafael.ortiz@mininterior.gov.co (Brasil)",
        "não pôde ser entregue após 8 tentativas. Ele está guardado na caixa de saída da rodada, de onde pode ser reenviado manualmente.\n\nDestinatário: rafael.ortiz@mininterior.gov.co\nTipo: reminder\nAssunto: MEM 2023: Mexico questionnaire submission due in 7 days\nÚltimo erro: 550 5.1.1 Mailbox unavailable")]
    public void EveryKind_InPortuguese(string kind, string subject, string line)
    {
        var email = All(Mariana, "BRA")[kind];
        Assert.Equal(subject, email.Subject);
        Assert.Contains(line, email.Text);
        Assert.Contains("<html lang=\"pt\">", email.Html);
    }
}
