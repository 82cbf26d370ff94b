using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Core.Notifications;

/// <summary>The portal pages an email links to.</summary>
internal enum PortalPage
{
    Evaluation,
    Questionnaire,
    Submission,
    Report,
    Outbox,
    SignIn,
}

/// <summary>Every email the workflow sends, in one language: one subclass per OAS language holds the
/// words, this class the shared helpers. Chosen by the recipient's first language, English otherwise.</summary>
internal abstract class EmailTemplates
{
    private static readonly EmailTemplates English = new EnglishTemplates();
    private static readonly EmailTemplates Spanish = new SpanishTemplates();
    private static readonly EmailTemplates French = new FrenchTemplates();
    private static readonly EmailTemplates Portuguese = new PortugueseTemplates();

    /// <summary>"es", "ES" and "es-MX" are Spanish; anything not an OAS language is English.</summary>
    public static EmailTemplates For(string? language) => language?.Split('-')[0].Trim().ToLowerInvariant() switch
    {
        "es" => Spanish,
        "fr" => French,
        "pt" => Portuguese,
        _ => English,
    };

    public abstract string Language { get; }

    // The words each language supplies.
    protected abstract Line Greeting(string name);
    protected abstract string Signature { get; }
    protected abstract (string Label, string Button) Page(PortalPage page);
    /// <summary>A stage as the thing that is due: "questionnaire submission".</summary>
    protected abstract string What(Stage stage);
    protected abstract string Who(Owner owner);
    protected abstract string Days(int n);
    protected virtual string Colon => ": ";

    /// <summary>The thematic evaluations' titles in this language, keyed by the catalogue's English title.</summary>
    protected virtual IReadOnlyDictionary<string, string> ThematicTitles { get; } = new Dictionary<string, string>();

    /// <summary>The evaluation's thematic areas in this language; a title not translated stays as the catalogue has it.</summary>
    protected string Thematic(EvaluationContext c) => ThematicTitles.TryGetValue(c.ThematicTitle, out var title) ? title : c.ThematicTitle;

    // Questionnaire.
    public abstract Message QuestionnaireIssued(Recipient to, EvaluationContext c, int priorityActions, DateTimeOffset due);
    public abstract Message DeadlineExtended(Recipient to, EvaluationContext c, DateTimeOffset previousDue, DateTimeOffset due, string reason);
    public abstract Message EvaluationWithdrawn(Recipient to, EvaluationContext c, string reason);
    public abstract Message SubmissionReceived(Recipient to, EvaluationContext c, QuestionnaireSubmitted s);
    public abstract Message SubmissionNotice(Recipient to, EvaluationContext c, QuestionnaireSubmitted s);
    public abstract Message Reminder(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int days);
    public abstract Message Overdue(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due);
    public abstract Message Escalation(Recipient to, EvaluationContext c, Stage stage, DateTimeOffset due, int graceDays);

    // Assignment.
    public abstract Message Assigned(Recipient to, EvaluationContext c, bool consultant, DateTimeOffset? submissionDue, int draftDays);
    public abstract Message SubmissionReady(Recipient to, EvaluationContext c, DateTimeOffset due);
    public abstract Message Replacement(Recipient to, EvaluationContext c, DateTimeOffset? due);
    public abstract Message ExpertDeclined(Recipient to, EvaluationContext c, string declinedId, string reason, Recipient replacement);

    // Draft to publication.
    public abstract Message ConsultantReviewRequested(Recipient to, EvaluationContext c, int iteration, DateTimeOffset due);
    public abstract Message RevisedDraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due);
    public abstract Message CountryReview(Recipient to, EvaluationContext c, DateTimeOffset due);
    public abstract Message DraftForApproval(Recipient to, EvaluationContext c, DateTimeOffset due);
    public abstract Message ChangesRequested(Recipient to, EvaluationContext c, int iteration, IReadOnlyList<ReviewComment> comments, DateTimeOffset due);
    public abstract Message CountryAccepted(Recipient to, EvaluationContext c, string note, DateTimeOffset due);
    public abstract Message CountryCommented(Recipient to, EvaluationContext c, string comments, DateTimeOffset due);
    public abstract Message CountryReviewLapsed(Recipient to, EvaluationContext c, DateTimeOffset due, DateTimeOffset approvalDue);
    public abstract Message Published(Recipient to, EvaluationContext c, DateTimeOffset at);

    /// <summary>To the MEM Unit: an email could not be delivered. <paramref name="c"/> names the
    /// evaluation; its year is 0 when the round id does not say it. <paramref name="outbox"/> is the
    /// round's outbox, where the message can be retried by hand.</summary>
    public abstract Message DeliveryAlert(Recipient to, EvaluationContext c, Uri outbox, string failedTo, string kind, string subject, int attempts, string lastError);

    /// <summary>To the MEM Unit: a workflow's step has failed <paramref name="failures"/> times in a row since
    /// <paramref name="since"/>. <paramref name="page"/>: the evaluation, or the round's outbox for the round's own workflow.</summary>
    public abstract Message WorkflowAlert(Recipient to, EvaluationContext c, Uri page, DateTimeOffset since, int failures, string lastError);

    /// <summary>A one-time sign-in link to the portal, valid <paramref name="minutes"/> minutes.</summary>
    public abstract Message SignInLink(Recipient to, Uri link, int minutes);

    // Helpers for the words above.
    protected string Country(EvaluationContext c) => MemberStateNames.NameOf(c.MemberState, Language);

    /// <summary>"de México", "du Mexique", "do México".</summary>
    protected string Of(EvaluationContext c) => MemberStateNames.OfForm(c.MemberState, Language);

    protected Deadline Due(DateTimeOffset at) => new(LocalDates.Stamp(at, Language));

    protected string On(DateTimeOffset at) => LocalDates.Stamp(at, Language);

    protected string Day(DateTimeOffset at) => LocalDates.Day(at, Language);

    protected static bool HasCountry(EvaluationContext c) => !string.IsNullOrWhiteSpace(c.MemberState);

    /// <summary>" (Mexico)", or nothing when no member state is known.</summary>
    protected string InParentheses(EvaluationContext c) => HasCountry(c) ? $" ({Country(c)})" : "";

    protected static string Mem(EvaluationContext c) => c.Year > 0 ? $"MEM {c.Year}" : "MEM";

    protected Line Link(PortalPage page, EvaluationContext c) => Link(page, Url(page, c));

    protected Line Link(PortalPage page, Uri url)
    {
        var (label, button) = Page(page);
        return $"{label}{Colon}{new PortalLink(url, button)}";
    }

    protected static Paragraph P(params Line[] lines) => new(lines);

    /// <summary>The consultant's comments as a list, each after the objective it is about.</summary>
    protected IEnumerable<Block> Comments(IReadOnlyList<ReviewComment> comments, Func<string?, string> about) =>
        comments.Count == 0 ? [] : [new Bullets(comments.Select<ReviewComment, Line>(x => $"{about(x.ObjectiveId)}{Colon}{x.Text}").ToList())];

    /// <summary>A paragraph for an optional note: nothing when the note is empty.</summary>
    protected static IEnumerable<Block> Note(string? note, Line line) => string.IsNullOrWhiteSpace(note) ? [] : [P(line)];

    /// <summary>An email signed by the MEM Unit.</summary>
    protected Message Mail(Recipient to, string subject, params Block[] body) =>
        new(Language, subject, [P(Greeting(to.Name)), .. body, P(Signature)]);

    /// <summary>A notice to the MEM Unit itself: unsigned.</summary>
    protected Message Notice(Recipient to, string subject, params Block[] body) =>
        new(Language, subject, [P(Greeting(to.Name)), .. body]);

    private static Uri Url(PortalPage page, EvaluationContext c) => page switch
    {
        PortalPage.Questionnaire => new Uri($"{c.EvaluationLink}/questionnaire"),
        PortalPage.Submission => new Uri($"{c.EvaluationLink}/submission"),
        PortalPage.Report => new Uri(c.PortalBaseUrl, $"reports/{c.RoundId}/{c.MemberState}"),
        PortalPage.Outbox => new Uri(c.PortalBaseUrl, $"rounds/{c.RoundId}/outbox"),
        _ => c.EvaluationLink,
    };
}
