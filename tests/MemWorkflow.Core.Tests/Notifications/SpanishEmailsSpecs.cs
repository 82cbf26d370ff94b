using static MemWorkflow.Core.Tests.Notifications.EmailSamples;

namespace MemWorkflow.Core.Tests.Notifications;

/// <summary>Every email as Ana Gómez, NCE of Mexico, whose first language is Spanish, reads it.</summary>
public sealed class SpanishEmailsSpecs
{
    [Theory]
    [InlineData("questionnaireIssued", "MEM 2023: cuestionario de México disponible, vence el 5 de marzo de 2027",
        "Fecha límite de entrega: viernes 5 de marzo de 2027, 23:59 UTC\nCuestionario: https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX/questionnaire")]
    [InlineData("deadlineExtended", "MEM 2023: nueva fecha límite para la evaluación de México: 4 de abril de 2027",
        "Fecha límite anterior: viernes 5 de marzo de 2027, 23:59 UTC\nNueva fecha límite: domingo 4 de abril de 2027, 23:59 UTC\nMotivo: Elections in June")]
    [InlineData("evaluationWithdrawn", "MEM 2023: se retiró la evaluación de México",
        "queda retirada.\nMotivo: Elections in June: the new administration needs 30 more days.\n\nNo se requiere nada más de su parte para esta evaluación.")]
    [InlineData("submissionReceived", "MEM 2023: cuestionario de México recibido",
        "el lunes 8 de marzo de 2027, 23:59 UTC, fuera de plazo (fecha límite: viernes 5 de marzo de 2027, 23:59 UTC).\nContiene 27 respuestas y 41 medios de verificación, y ya no admite cambios.")]
    [InlineData("submissionNotice", "MEM 2023: cuestionario de México presentado (fuera de plazo)",
        "27 respuestas, 41 medios de verificación. Está listo para la asignación del GEG.")]
    [InlineData("reminder", "MEM 2023: México – entrega del cuestionario, vence en 7 días",
        "Le recordamos que el plazo de la etapa «entrega del cuestionario» de la evaluación de México (Fortalecimiento Institucional; Investigación, Información, Monitoreo y Evaluación; Cooperación Internacional, 2023) vence el viernes 5 de marzo de 2027, 23:59 UTC.")]
    [InlineData("overdue", "MEM 2023: México – entrega del cuestionario, plazo vencido",
        "venció el viernes 5 de marzo de 2027, 23:59 UTC y la etapa sigue pendiente.\nPor favor, complétela lo antes posible o solicite una prórroga a la Unidad del MEM.")]
    [InlineData("escalation", "MEM 2023: México – entrega del cuestionario, plazo vencido el 5 de marzo de 2027",
        "sigue pendiente tras 7 días de gracia.\nPendiente de: la Entidad Coordinadora Nacional.")]
    [InlineData("assignmentExpert", "MEM 2023: asignación a la evaluación de México",
        "como integrante del GEG.\nEl cuestionario del país vence el viernes 5 de marzo de 2027, 23:59 UTC; se le avisará cuando llegue.")]
    [InlineData("assignmentConsultant", "MEM 2023: asignación a la evaluación de México",
        "La Unidad del MEM le ha confiado la consultoría técnica independiente de la evaluación de México")]
    [InlineData("submissionReadyForReview", "MEM 2023: las respuestas de México están listas para su evaluación",
        "Su borrador de evaluación, con un resumen evaluativo para cada objetivo, vence el viernes 5 de marzo de 2027, 23:59 UTC.\n\nRespuestas: https://mem.oas.org/rounds/r2023-0a1b2c3d/countries/MEX/submission")]
    [InlineData("assignmentReplacement", "MEM 2023: asignación a la evaluación de México",
        "en sustitución de un experto que no pudo participar.\nLas respuestas del país ya están disponibles: su borrador de evaluación vence el viernes 5 de marzo de 2027, 23:59 UTC.")]
    [InlineData("expertDeclined", "MEM 2023: un experto declinó la evaluación de México; lo sustituye Rafael Ortiz",
        "Motivo: Elections in June: the new administration needs 30 more days.\nSustituto: Rafael Ortiz (p-rortiz); ningún otro puesto cambió.")]
    [InlineData("consultantReviewRequested", "MEM 2023: borrador de evaluación de México listo para su revisión",
        "Los expertos del GEG presentaron el borrador de evaluación de México (iteración 1). Por favor, apruébelo o solicite cambios a más tardar el viernes 5 de marzo de 2027, 23:59 UTC.")]
    [InlineData("revisedDraftForApproval", "MEM 2023: borrador revisado de México listo para aprobación",
        "Queda pendiente de aprobación hasta el viernes 5 de marzo de 2027, 23:59 UTC.")]
    [InlineData("countryReview", "MEM 2023: el borrador de evaluación de México está listo para su revisión",
        "Puede comentarlo o aceptarlo hasta el viernes 5 de marzo de 2027, 23:59 UTC; sin respuesta para entonces, pasará a aprobación.")]
    [InlineData("draftForApproval", "MEM 2023: borrador de evaluación de México listo para aprobación",
        "El consultor aprobó el borrador de evaluación de México. Queda pendiente de aprobación hasta el viernes 5 de marzo de 2027, 23:59 UTC.")]
    [InlineData("changesRequested", "MEM 2023: cambios solicitados al borrador de evaluación de México",
        "Por favor, revíselo a más tardar el viernes 5 de marzo de 2027, 23:59 UTC.\n\n- General: Cite the 2022 national drug strategy as the legal basis.\n- Objetivo IS-1: Cite")]
    [InlineData("countryAccepted", "MEM 2023: el país aceptó el borrador de evaluación de México",
        "Queda pendiente de aprobación hasta el viernes 5 de marzo de 2027, 23:59 UTC.\n\nNota del país: Paragraph 3")]
    [InlineData("countryCommented", "MEM 2023: comentarios del país sobre el borrador de evaluación de México",
        "Puede revisarlo una vez más hasta el viernes 5 de marzo de 2027, 23:59 UTC.\n\nComentarios del país:\nParagraph 3")]
    [InlineData("countryReviewLapsed", "MEM 2023: el país no comentó el borrador de México; queda pendiente de aprobación",
        "hasta el viernes 5 de marzo de 2027, 23:59 UTC. El borrador sigue su curso y queda pendiente de aprobación hasta el viernes 19 de marzo de 2027, 23:59 UTC.")]
    [InlineData("published", "MEM 2023: se publicó el informe de evaluación de México",
        "se publicó el martes 4 de mayo de 2027, 23:59 UTC.\n\nInforme: https://mem.oas.org/reports/r2023-0a1b2c3d/MEX")]
    [InlineData("deliveryAlert", "MEM 2023: correo no entregado a rafael.ortiz@mininterior.gov.co (México)",
        "no pudo entregarse tras 8 intentos. Queda guardado en la bandeja de salida de la ronda, desde donde puede reenviarse manualmente.\n\nDestinatario: rafael.ortiz@mininterior.gov.co\nTipo: reminder\nAsunto: MEM 2023: Mexico questionnaire submission due in 7 days\nÚltimo error: 550 5.1.1 Mailbox unavailable")]
    public void EveryKind_InSpanish(string kind, string subject, string line)
    {
        var email = All(Ana, "MEX")[kind];
        Assert.Equal(subject, email.Subject);
        Assert.Contains(line, email.Text);
        Assert.Contains("<html lang=\"es\">", email.Html);
    }
}
