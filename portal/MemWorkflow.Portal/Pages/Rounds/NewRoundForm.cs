using MemWorkflow.Portal.Api;

namespace MemWorkflow.Portal.Pages.Rounds;

/// <summary>What the MEM Unit fills in to start a round. The Idempotency-Key is made once per form:
/// sending it twice (a double click, a retry after a timeout) starts one round.</summary>
public sealed class NewRoundForm
{
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");
    public string Thematic { get; set; } = "";
    public string States { get; set; } = "";
    public Dictionary<string, HashSet<string>> Excluded { get; } = [];
    public int? PeriodFrom { get; set; }
    public int? PeriodTo { get; set; }
    public DateOnly? SubmissionDue { get; set; }
    public int? DraftDays { get; set; }
    public string Language { get; set; } = "";
    public int ExpertsPerEvaluation { get; set; } = 2;
    public bool CountryReview { get; set; } = true;

    public List<string> MemberStates => States.Split([',', ' ', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
        .Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList();

    public List<string> UnknownStates(CatalogueView catalogue) =>
        MemberStates.Where(s => catalogue.MemberStates.All(m => m.Code != s)).ToList();

    public RoundRequest ToRequest()
    {
        var states = MemberStates;
        var excluded = Excluded.Where(e => states.Contains(e.Key) && e.Value.Count > 0).ToDictionary(e => e.Key, IReadOnlyList<string> (e) => e.Value.ToList());
        var schedule = SubmissionDue is null && DraftDays is null ? null : new ScheduleRequest(
            SubmissionDue is { } due ? new DateTimeOffset(due.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero) : null, DraftDays, null, null, null, null, null, null);
        var period = PeriodFrom is { } from && PeriodTo is { } to ? new EvaluationPeriod(from, to) : null;
        return new RoundRequest(Thematic, states, period, Language == "" ? null : Language, excluded.Count == 0 ? null : excluded,
            schedule, ExpertsPerEvaluation, CountryReview);
    }
}
