using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Rounds;

public static class RoundStreams
{
    public static StreamKind<RoundState, RoundEvent> Round { get; } = new("round", RoundDecider.Evolve);

    public static StreamKind<EvaluationState, EvaluationEvent> Evaluation { get; } = new("evaluation", EvaluationDecider.Evolve);

    public static Func<EvaluationEvent, EvaluationState, IEnumerable<Email>> EmailsFor(RoundState round, string memberState, Uri portal)
    {
        var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
        var context = new EvaluationContext(round.RoundId, thematic.Title, thematic.Year, memberState, portal);
        return (@event, _) => EvaluationEmails.For(@event, context);
    }

    public static Recipient ToRecipient(this Participant p) => new(p.Id, p.Name, p.Email, p.FirstLanguage);

    public static IReadOnlyList<Recipient> NceOf(this IEnumerable<Participant> participants, string memberState) =>
        participants.Where(p => p.Active && p.Role == Role.Nce && p.MemberState == memberState).Select(ToRecipient).ToList();

    /// <summary>The active MEM Unit users with an address (never the bootstrap user's placeholder).</summary>
    public static IReadOnlyList<Recipient> MemUnit(this IEnumerable<Participant> participants) =>
        participants.Where(p => p.Active && p.Role == Role.MemUnit && Participants.ParticipantDirectory.Notified(p)).Select(ToRecipient).ToList();

    /// <summary>The GEG experts assigned to the evaluation (none before assignment).</summary>
    public static IReadOnlyList<Recipient> ExpertsOf(this IEnumerable<Participant> participants, EvaluationState? evaluation) =>
        participants.Where(p => p.Active && evaluation?.Experts.Contains(p.Id) == true).Select(ToRecipient).ToList();

    /// <summary>The consultant assigned to the evaluation (none before assignment).</summary>
    public static IReadOnlyList<Recipient> ConsultantOf(this IEnumerable<Participant> participants, EvaluationState? evaluation) =>
        participants.Where(p => p.Active && p.Id == evaluation?.Consultant).Select(ToRecipient).ToList();
}
