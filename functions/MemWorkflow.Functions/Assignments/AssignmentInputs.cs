using System.Security.Cryptography;
using System.Text;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Assignments;

/// <summary>Builds the assignment problem of a round from what is stored: the round's countries and
/// the pillars that apply to each, the active experts and consultants, the declined seats, and the
/// previous round's pairs (to rotate away from them).</summary>
public sealed class AssignmentInputs(ParticipantDirectory participants, RoundQueries queries)
{
    public async Task<AssignmentProblem> ProblemAsync(
        RoundState round, int seed, IReadOnlyList<Seat> lockedExperts, IReadOnlyList<Seat> lockedConsultants, CancellationToken cancellationToken)
    {
        var active = await participants.ActiveAsync(cancellationToken);
        var catalogue = PlanCatalogues.Known.For(round.Settings);
        var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
        var needs = round.Settings.Countries
            .Select(c => new EvaluationNeed(c.MemberState, thematic.PillarIds.Except(c.ExcludedPillarIds).ToList()))
            .ToList();
        return new AssignmentProblem(
            round.Settings.Language,
            round.Settings.ExpertsPerEvaluation,
            round.Settings.ExpertLoadCap,
            round.Settings.ConsultantLoadCap,
            needs,
            Candidates(active, Role.Geg),
            Candidates(active, Role.Consultant),
            round.Declined.Select(d => new Seat(d.MemberState, d.DeclinedId)).ToList(),
            lockedExperts,
            lockedConsultants,
            await PreviousPairsAsync(round, cancellationToken),
            seed,
            catalogue.Plan.Pillars.ToDictionary(p => p.Id, p => p.ShortName, StringComparer.Ordinal));
    }

    /// <summary>Identifies the inputs a proposal was made from (not the seed, nor the pillars' names, which
    /// only word explanations), so that committing a proposal after participants changed is refused.</summary>
    public static string Fingerprint(AssignmentProblem problem) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StoredJson.Serialize(problem with { Seed = 0, PillarNames = null }))));

    private static List<Candidate> Candidates(IEnumerable<Participant> active, Role role) => active
        .Where(p => p.Role == role)
        .OrderBy(p => p.Id, StringComparer.Ordinal)
        .Select(p => new Candidate(p.Id, p.Name, p.MemberState, p.Languages, p.Expertise))
        .ToList();

    private async Task<IReadOnlyList<Seat>> PreviousPairsAsync(RoundState round, CancellationToken cancellationToken)
    {
        var previous = (await queries.ListAsync(cancellationToken))
            .Where(r => r.RoundId != round.RoundId && r.StartedAt < round.StartedAt && r.Assignment is not null)
            .MaxBy(r => r.StartedAt);
        return previous?.Assignment!.Evaluations.SelectMany(e => e.Experts.Select(x => new Seat(e.MemberState, x))).ToList() ?? [];
    }
}
