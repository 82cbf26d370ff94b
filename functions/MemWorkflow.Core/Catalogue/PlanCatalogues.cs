using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Core.Catalogue;

/// <summary>The Plans of Action this build knows, by id, and the one new rounds start under. A round
/// records the plan it was started under (<see cref="RoundSettings.PlanId"/>) and is read through that
/// plan for as long as it is stored, so a later plan never changes a stored round's questionnaire,
/// titles or report. A plan that rounds were started under is therefore never edited: a revised plan
/// is a new plan with a new id, added here.</summary>
public sealed class PlanCatalogues
{
    /// <summary>The plan of every round stored before rounds recorded theirs.</summary>
    public const string FirstPlanId = "2021-2025";

    public static PlanCatalogues Known { get; } =
        new([new PlanCatalogue(PlanOfAction2021.Plan, PlanOfAction2021.EighthRound)], currentPlanId: FirstPlanId);

    private readonly Dictionary<string, PlanCatalogue> plans;

    public PlanCatalogues(IEnumerable<PlanCatalogue> plans, string currentPlanId)
    {
        this.plans = plans.ToDictionary(p => p.Plan.Id, StringComparer.Ordinal);
        Current = this.plans.TryGetValue(currentPlanId, out var current)
            ? current
            : throw new ArgumentException($"The current plan {currentPlanId} is not one of the known plans.", nameof(currentPlanId));
    }

    /// <summary>The plan new rounds start under and the catalogue shows. Never the plan of a stored round:
    /// that is <see cref="For(RoundSettings)"/>.</summary>
    public PlanCatalogue Current { get; }

    public IReadOnlyCollection<PlanCatalogue> All => plans.Values;

    /// <summary>A stored round naming a plan this build does not carry is a deployment error (a plan was
    /// removed), never a user's: it throws.</summary>
    public PlanCatalogue For(string planId) =>
        plans.TryGetValue(planId, out var catalogue)
            ? catalogue
            : throw new InvalidOperationException($"No Plan of Action {planId} in this build, yet a stored round was started under it.");

    public PlanCatalogue For(RoundSettings settings) => For(settings.PlanId);

    /// <summary>The round's thematic evaluation, as its own plan defines it.</summary>
    public ThematicEvaluation ThematicEvaluationOf(RoundSettings settings) =>
        For(settings).FindThematicEvaluation(settings.ThematicEvaluationId)
        ?? throw new InvalidOperationException($"The Plan of Action {settings.PlanId} has no thematic evaluation {settings.ThematicEvaluationId}.");
}
