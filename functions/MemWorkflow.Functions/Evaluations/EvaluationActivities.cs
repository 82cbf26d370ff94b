using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Rounds;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Evaluations;

/// <summary>The evaluation workflow's one activity: a wake-up of the evaluation (<see cref="EvaluationAdvancer"/>).</summary>
public sealed class EvaluationActivities(EvaluationAdvancer advancer, InjectedFaults faults)
{
    [Function(nameof(AdvanceEvaluation))]
    public async Task<EvaluationStep> AdvanceEvaluation([ActivityTrigger] EvaluationInput input)
    {
        await faults.ThrowIfArmedAsync(nameof(AdvanceEvaluation), input.MemberState, CancellationToken.None);
        return await advancer.AdvanceAsync(input.RoundId, input.MemberState, CancellationToken.None);
    }
}
