using System.Text.Json;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Rounds;

/// <summary>Counts the evaluations of open rounds that are past their stage's due date, by stage (named
/// as the API names it, e.g. <c>issued</c>, <c>inReview</c>), and reports the census to
/// <see cref="MemMetrics"/>'s <c>mem.evaluations.overdue</c> gauge. Rounds are found through the index
/// and each open round's evaluations are one partition query: nothing is scanned. Every stage that can
/// be overdue is reported, with 0 when none is, so a chart falls to 0 instead of keeping its last value.</summary>
public sealed class OverdueCensus(RoundQueries queries, TimeProvider clock, MemMetrics metrics)
{
    public async Task<IReadOnlyDictionary<string, int>> ReportAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var byStage = Empty();
        foreach (var round in (await queries.ListAsync(cancellationToken)).Where(r => r.Status == RoundStatus.Open))
            Tally(byStage, (await queries.EvaluationsAsync(round.RoundId, cancellationToken)).Values, now);
        metrics.ReportOverdue(byStage);
        return byStage;
    }

    /// <summary>Every stage that can be overdue, at 0.</summary>
    public static Dictionary<string, int> Empty() =>
        Enum.GetValues<Stage>().Where(s => !Stages.IsFinal(s)).ToDictionary(Name, _ => 0, StringComparer.Ordinal);

    /// <summary>Adds an open round's overdue evaluations to <paramref name="byStage"/>.</summary>
    public static void Tally(Dictionary<string, int> byStage, IEnumerable<EvaluationState> evaluations, DateTimeOffset now)
    {
        foreach (var evaluation in evaluations.Where(e => e.IsOverdue(now)))
            byStage[Name(evaluation.Stage)]++;
    }

    private static string Name(Stage stage) => JsonNamingPolicy.CamelCase.ConvertName(stage.ToString());
}
