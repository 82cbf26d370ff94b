using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Core.Notifications;

internal sealed class SpanishTemplates : EmailTemplates
{
    public override string Language => "es";

    protected override IReadOnlyDictionary<string, string> ThematicTitles { get; } = new Dictionary<string, string>
    {
        ["Measures for Prevention, Treatment, and Recovery Support"] = "Medidas de Prevención, Tratamiento y Apoyo a la Recuperación",
        ["Measures to Control and Counter the Illicit Cultivation, Production, Trafficking, and Distribution of Drugs, and to Address their Causes and Consequences"] = "Medidas para Controlar y Contrarrestar el Cultivo, la Producción, el Tráfico y la Distribución Ilícitos de Drogas, y para Abordar sus Causas y Consecuencias",
        ["Institutional Strengthening; Research, Information, Monitoring, and Evaluation; International Cooperation"] = "Fortalecimiento Institucional; Investigación, Información, Monitoreo y Evaluación; Cooperación Internacional",
        ["Comprehensive Evaluation"] = "Evaluación Integral",
    };

    protected override Line Greeting(string name) => $"Estimado/a {name}:";

    protected override string Signature => "Unidad del MEM, CICAD/OEA";

    protected override (string Label, string Button) Page(PortalPage page) => page switch
    {
        PortalPage.Questionnaire => ("Cuestionario", "Abrir el cuestionario"),
        PortalPage.Submission => ("Respuestas", "Ver las respuestas"),
        PortalPage.Report => ("Informe", "Leer el informe"),
        PortalPage.Outbox => ("Bandeja de salida", "Abrir la bandeja de salida"),
        PortalPage.SignIn => ("Enlace de acceso", "Entrar al portal del MEM"),
        _ => ("Evaluación", "Abrir la evaluación"),
    };

    protected override string What(Stage stage) => stage switch
    {
        Stage.Issued => "entrega del cuestionario",
        Stage.InReview or Stage.RevisionRequested => "borrador de evaluación del GEG",
        Stage.ConsultantReview => "opinión del consultor",
        Stage.CountryReview => "revisión del borrador por el país",
        Stage.AwaitingApproval => "aprobación del informe",
        _ => "etapa de la evaluación",
    };

    protected override string Who(Owner owner) => owner switch
    {
        Owner.Nce => "la Entidad Coordinadora Nacional",
        Owner.Geg => "los expertos del GEG",
        Owner.Consultant => "el consultor",
        Owner.MemUnit => "la Unidad del MEM",
        _ => "nadie",
    };

    protected override string Days(int n) => n == 1 ? "1 día" : $"{n} días";

    public override Message QuestionnaireIssued(Recipient to, EvaluationContext c, int priorityActions, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: cuestionario {Of(c)} disponible, vence el {Day(due)}",
            P($"Está abierto el cuestionario del Mecanismo de Evaluación Multilateral {Of(c)}: {Thematic(c)} ({c.Year}).",
                $"Contiene {priorityActions} acciones prioritarias por responder, cada una con sus medios de verificación."),
            P($"Fecha límite de entrega: {Due(due)}", Link(PortalPage.Questionnaire, c)));

    public override Message DeadlineExtended(Recipient to, EvaluationContext c, DateTimeOffset previousDue, DateTimeOffset due, string reason) =>
        Mail(to, $"{Mem(c)}: nueva fecha límite para la evaluación {Of(c)}: {Day(due)}",
            P($"La Unidad del MEM ha prorrogado el plazo de la evaluación {Of(c)} ({Thematic(c)}, {c.Year})."),
            P($"Fecha límite anterior: {On(previousDue)}", $"Nueva fecha límite: {Due(due)}", $"Motivo: {reason}"),
            P(Link(PortalPage.Evaluation, c)));

    public override Message EvaluationWithdrawn(Recipient to, EvaluationContext c, string reason) =>
        Mail(to, $"{Mem(c)}: se retiró la evaluación {Of(c)}",
            P($"La Unidad del MEM canceló la ronda, y la evaluación {Of(c)} ({Thematic(c)}, {c.Year}) queda retirada.", $"Motivo: {reason}"),
            P("No se requiere nada más de su parte para esta evaluación."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message SubmissionReceived(Recipient to, EvaluationContext c, QuestionnaireSubmitted s) =>
        Mail(to, $"{Mem(c)}: cuestionario {Of(c)} recibido",
            P($"La Unidad del MEM recibió el cuestionario {Of(c)} ({Thematic(c)}, {c.Year}) el {On(s.At)}{Lateness(s)}.",
                $"Contiene {s.Answers} respuestas y {s.Documents} medios de verificación, y ya no admite cambios.",
                "El Grupo de Expertos Gubernamentales lo evaluará a continuación."),
            P(Link(PortalPage.Submission, c)));

    public override Message SubmissionNotice(Recipient to, EvaluationContext c, QuestionnaireSubmitted s) =>
        Notice(to, $"{Mem(c)}: cuestionario {Of(c)} presentado{(s.Late ? " (fuera de plazo)" : "")}",
            P($"Se presentó el cuestionario {Of(c)} ({Thematic(c)}, {c.Year}) el {On(s.At)}{Lateness(s)}:",
                $"{s.Answers} respuestas, {s.Documents} medios de verificación. Está listo para la asignación del GEG."),
            P(Link(PortalPage.Evaluation, c)));

    private string Lateness(QuestionnaireSubmitted s) => s.Late && s.Due is { } due ? $", fuera de plazo (fecha límite: {On(due)})" : "";

    public override Message Reminder(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int days) =>
        Mail(to, $"{Mem(c)}: {Country(c)} – {What(stage)}, vence en {Days(days)}",
            P($"Le recordamos que el plazo de la etapa «{What(stage)}» de la evaluación {Of(c)} ({Thematic(c)}, {c.Year}) vence el {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Overdue(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: {Country(c)} – {What(stage)}, plazo vencido",
            P($"El plazo de la etapa «{What(stage)}» de la evaluación {Of(c)} ({Thematic(c)}, {c.Year}) venció el {Due(due)} y la etapa sigue pendiente.",
                "Por favor, complétela lo antes posible o solicite una prórroga a la Unidad del MEM."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Escalation(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int graceDays) =>
        Notice(to, $"{Mem(c)}: {Country(c)} – {What(stage)}, plazo vencido el {Day(due)}",
            P($"El plazo de la etapa «{What(stage)}» de la evaluación {Of(c)} ({Thematic(c)}, {c.Year}) venció el {Due(due)} y sigue pendiente tras {Days(graceDays)} de gracia.",
                $"Pendiente de: {Who(Stages.OwnerOf(stage))}. Los responsables de la evaluación recibieron recordatorios y un aviso de vencimiento."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Assigned(Recipient to, EvaluationContext c, bool consultant, DateTimeOffset? submissionDue, int draftDays) =>
        Mail(to, $"{Mem(c)}: asignación a la evaluación {Of(c)}",
            P(consultant
                    ? $"La Unidad del MEM le ha confiado la consultoría técnica independiente de la evaluación {Of(c)} ({Thematic(c)}, {c.Year})."
                    : $"La Unidad del MEM le ha asignado a la evaluación {Of(c)} ({Thematic(c)}, {c.Year}) como integrante del GEG.",
                Submission(submissionDue),
                $"El borrador de evaluación vence {draftDays} días después de que las respuestas del país le lleguen."),
            P(Link(PortalPage.Evaluation, c)));

    private Line Submission(DateTimeOffset? due)
    {
        if (due is { } at)
            return $"El cuestionario del país vence el {Due(at)}; se le avisará cuando llegue.";
        return "El país ya presentó su cuestionario.";
    }

    public override Message SubmissionReady(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: las respuestas {Of(c)} están listas para su evaluación",
            P($"Ya están disponibles el cuestionario y los medios de verificación {Of(c)} ({Thematic(c)}, {c.Year}).",
                $"Su borrador de evaluación, con un resumen evaluativo para cada objetivo, vence el {Due(due)}."),
            P(Link(PortalPage.Submission, c)));

    public override Message Replacement(Recipient to, EvaluationContext c, DateTimeOffset? due) =>
        Mail(to, $"{Mem(c)}: asignación a la evaluación {Of(c)}",
            P($"La Unidad del MEM le ha asignado a la evaluación {Of(c)} ({Thematic(c)}, {c.Year}) como integrante del GEG,",
                "en sustitución de un experto que no pudo participar.",
                ReplacementDue(due)),
            P(Link(PortalPage.Evaluation, c)));

    private Line ReplacementDue(DateTimeOffset? due)
    {
        if (due is { } at)
            return $"Las respuestas del país ya están disponibles: su borrador de evaluación vence el {Due(at)}.";
        return "Se le avisará cuando llegue el cuestionario del país.";
    }

    public override Message ExpertDeclined(Recipient to, EvaluationContext c, string declinedId, string reason, Recipient replacement) =>
        Notice(to, $"{Mem(c)}: un experto declinó la evaluación {Of(c)}; lo sustituye {replacement.Name}",
            P($"El experto {declinedId} declinó la evaluación {Of(c)} ({Thematic(c)}, {c.Year}).",
                $"Motivo: {reason}",
                $"Sustituto: {replacement.Name} ({replacement.ParticipantId}); ningún otro puesto cambió."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message ConsultantReviewRequested(Recipient to, EvaluationContext c, int iteration, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: borrador de evaluación {Of(c)} listo para su revisión",
            P($"Los expertos del GEG presentaron el borrador de evaluación {Of(c)} (iteración {iteration}). Por favor, apruébelo o solicite cambios a más tardar el {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message RevisedDraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: borrador revisado {Of(c)} listo para aprobación",
            P($"Los expertos del GEG revisaron el borrador {Of(c)} tras los comentarios del país. Queda pendiente de aprobación hasta el {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message CountryReview(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: el borrador de evaluación {Of(c)} está listo para su revisión",
            P($"El borrador de evaluación {Of(c)} está listo. Puede comentarlo o aceptarlo hasta el {Due(due)}; sin respuesta para entonces, pasará a aprobación."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message DraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: borrador de evaluación {Of(c)} listo para aprobación",
            P($"El consultor aprobó el borrador de evaluación {Of(c)}. Queda pendiente de aprobación hasta el {Due(due)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message ChangesRequested(Recipient to, EvaluationContext c, int iteration, IReadOnlyList<ReviewComment> comments, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: cambios solicitados al borrador de evaluación {Of(c)}",
        [
            P($"El consultor solicita cambios al borrador de evaluación {Of(c)} (iteración {iteration}). Por favor, revíselo a más tardar el {Due(due)}."),
            .. Comments(comments, id => id is null ? "General" : $"Objetivo {id}"),
            P(Link(PortalPage.Evaluation, c)),
        ]);

    public override Message CountryAccepted(Recipient to, EvaluationContext c, string note, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: el país aceptó el borrador de evaluación {Of(c)}",
        [
            P($"El país aceptó el borrador de evaluación {Of(c)}. Queda pendiente de aprobación hasta el {Due(due)}."),
            .. Note(note, $"Nota del país: {note}"),
            P(Link(PortalPage.Evaluation, c)),
        ]);

    public override Message CountryCommented(Recipient to, EvaluationContext c, string comments, DateTimeOffset due) =>
        Mail(to, $"{Mem(c)}: comentarios del país sobre el borrador de evaluación {Of(c)}",
            P($"El país envió comentarios sobre el borrador de evaluación {Of(c)}. Puede revisarlo una vez más hasta el {Due(due)}."),
            P("Comentarios del país:", comments),
            P(Link(PortalPage.Evaluation, c)));

    public override Message CountryReviewLapsed(Recipient to, EvaluationContext c, DateTimeOffset due, DateTimeOffset approvalDue) =>
        Mail(to, $"{Mem(c)}: el país no comentó el borrador {Of(c)}; queda pendiente de aprobación",
            P($"El país no comentó el borrador de evaluación {Of(c)} hasta el {On(due)}. El borrador sigue su curso y queda pendiente de aprobación hasta el {Due(approvalDue)}."),
            P(Link(PortalPage.Evaluation, c)));

    public override Message Published(Recipient to, EvaluationContext c, DateTimeOffset at) =>
        Mail(to, $"{Mem(c)}: se publicó el informe de evaluación {Of(c)}",
            P($"El informe de evaluación del MEM {Of(c)} ({Thematic(c)}, {c.Year}) se publicó el {On(at)}."),
            P(Link(PortalPage.Report, c)),
            P(Link(PortalPage.Evaluation, c)));

    public override Message DeliveryAlert(Recipient to, EvaluationContext c, Uri outbox, string failedTo, string kind, string subject, int attempts, string lastError) =>
        Notice(to, $"{Mem(c)}: correo no entregado a {failedTo}{InParentheses(c)}",
            P($"Un correo sobre {(HasCountry(c) ? $"la evaluación {Of(c)} (ronda {c.RoundId})" : $"la ronda {c.RoundId}")} no pudo entregarse tras {attempts} {(attempts == 1 ? "intento" : "intentos")}. Queda guardado en la bandeja de salida de la ronda, desde donde puede reenviarse manualmente."),
            P($"Destinatario: {failedTo}", $"Tipo: {kind}", $"Asunto: {subject}", $"Último error: {lastError}"),
            P("Verifique la dirección del destinatario en el directorio de participantes antes de reenviarlo."),
            P(Link(PortalPage.Outbox, outbox)));

    public override Message WorkflowAlert(Recipient to, EvaluationContext c, Uri page, DateTimeOffset since, int failures, string lastError) =>
        Notice(to, $"{Mem(c)}: los pasos automáticos siguen fallando{InParentheses(c)}",
            P($"Desde el {On(since)} los pasos automáticos de {(HasCountry(c) ? $"la evaluación {Of(c)} (ronda {c.RoundId})" : $"la ronda {c.RoundId}")} han fallado {failures} {(failures == 1 ? "vez" : "veces")} seguidas. Se reintentan con pausas crecientes, por lo que recordatorios y correos pueden retrasarse; nada de lo escrito se pierde."),
            P($"Último error: {lastError}"),
            P("Pida al equipo técnico que lo revise. El incidente se cierra solo cuando un paso se completa."),
            P(Link(HasCountry(c) ? PortalPage.Evaluation : PortalPage.Outbox, page)));

    public override Message SignInLink(Recipient to, Uri link, int minutes) =>
        Mail(to, "Su enlace de acceso al portal del MEM",
            P($"Alguien, probablemente usted, pidió entrar al portal del MEM con esta dirección. El enlace siguiente sirve una sola vez, durante {minutes} minutos."),
            P(Link(PortalPage.SignIn, link)),
            P("Si no lo pidió, ignore este correo: nadie puede entrar sin el enlace."));
}
