using MemWorkflow.Contracts.Participants;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Participants;

namespace MemWorkflow.Core.Rounds;

/// <summary>Turns a round request into settings under the given plan (which the settings record), or says
/// field by field what is wrong with it.</summary>
public static class RoundRules
{
    public const int MaxExpertsPerEvaluation = 5;
    public const int MaxStageDays = 366;
    public const int MaxLoadCap = 50;

    public static (RoundSettings? Settings, Dictionary<string, string[]> Errors) Validate(
        RoundRequest request, PlanCatalogue catalogue, RoundDefaults defaults, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        var thematic = catalogue.FindThematicEvaluation(request.ThematicEvaluation);
        if (thematic is null)
            Add("thematicEvaluation", request.ThematicEvaluation is null
                ? $"A thematic evaluation is required: one of {Ids(catalogue)}."
                : $"'{Short(request.ThematicEvaluation)}' is not a thematic evaluation: one of {Ids(catalogue)}.");

        var states = request.MemberStates ?? [];
        if (states.Count == 0)
            Add("memberStates", "At least one member state is required.");
        foreach (var (code, i) in states.Select((c, i) => (c, i)))
        {
            if (!MemberStates.IsKnown(code))
                Add($"memberStates[{i}]", $"'{Short(code)}' is not an OAS member state (ISO 3166-1 alpha-3, e.g. MEX).");
        }
        foreach (var duplicate in states.GroupBy(s => s).Where(g => g.Count() > 1))
            Add("memberStates", $"{Short(duplicate.Key)} is listed {duplicate.Count()} times.");

        var exclusions = request.ExcludedPillars ?? new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (state, pillars) in exclusions)
        {
            var field = $"excludedPillars.{Short(state)}";
            if (!states.Contains(state))
                Add(field, $"{Short(state)} is not one of the round's member states.");
            if (thematic is null)
                continue;
            foreach (var pillar in (pillars ?? []).Where(p => !thematic.PillarIds.Contains(p)))
                Add(field, $"'{Short(pillar)}' is not a pillar of this thematic evaluation ({string.Join(", ", thematic.PillarIds)}).");
            if (thematic.PillarIds.All(p => (pillars ?? []).Contains(p)))
                Add(field, $"Every pillar of the thematic evaluation is excluded for {Short(state)}: leave it out of memberStates instead.");
        }

        var year = thematic?.Year ?? now.Year;
        var period = request.EvaluationPeriod is { } asked ? new EvaluationPeriod(asked.From, asked.To) : new EvaluationPeriod(year - 4, year);
        if (period.From > period.To || period.From < 1998 || period.To > 2100)
            Add("evaluationPeriod", $"The evaluation period {period.From}-{period.To} is not a range of years from 1998 on.");

        var language = request.Language ?? OfficialLanguages.English;
        if (!OfficialLanguages.IsOfficial(language))
            Add("language", $"'{Short(language)}' is not an official OAS language (en, es, fr, pt).");

        var experts = request.ExpertsPerEvaluation ?? defaults.ExpertsPerEvaluation;
        if (experts is < 1 or > MaxExpertsPerEvaluation)
            Add("expertsPerEvaluation", $"Between 1 and {MaxExpertsPerEvaluation} experts evaluate each country; {experts} asked.");

        foreach (var (field, cap) in new[] { ("expertLoadCap", request.ExpertLoadCap), ("consultantLoadCap", request.ConsultantLoadCap) })
        {
            if (cap is < 1 or > MaxLoadCap)
                Add(field, $"A load cap is between 1 and {MaxLoadCap} evaluations per person; leave it out for the smallest cap that staffs the round.");
        }

        var schedule = Schedule(request.Schedule, defaults, now, Add);
        if (errors.Count > 0 || thematic is null || schedule is null)
            return (null, errors);

        var countries = states
            .Select(s => new RoundCountry(s, exclusions.TryGetValue(s, out var p) ? p.Distinct().ToList() : []))
            .ToList();
        return (new RoundSettings(thematic.Id, countries, period, language, schedule, experts, request.CountryReview ?? true,
            request.ExpertLoadCap, request.ConsultantLoadCap, catalogue.Plan.Id), errors);
    }

    private static RoundSchedule? Schedule(ScheduleRequest? request, RoundDefaults defaults, DateTimeOffset now, Action<string, string> add)
    {
        var due = request?.SubmissionDue ?? now.AddDays(defaults.SubmissionDays);
        if (due <= now)
            add("schedule.submissionDue", $"The submission due date {due:O} is not in the future.");
        else if (due > now.AddDays(MaxStageDays * 2))
            add("schedule.submissionDue", $"The submission due date {due:O} is more than two years away.");

        int Days(string name, int? value, int fallback)
        {
            var days = value ?? fallback;
            if (days is < 1 or > MaxStageDays)
                add($"schedule.{name}", $"A stage lasts between 1 and {MaxStageDays} days; {days} asked.");
            return days;
        }

        var schedule = new RoundSchedule(
            due.ToUniversalTime(),
            Days("draftDays", request?.DraftDays, defaults.DraftDays),
            Days("consultantReviewDays", request?.ConsultantReviewDays, defaults.ConsultantReviewDays),
            Days("revisionDays", request?.RevisionDays, defaults.RevisionDays),
            Days("countryReviewDays", request?.CountryReviewDays, defaults.CountryReviewDays),
            Days("approvalDays", request?.ApprovalDays, defaults.ApprovalDays),
            request?.ReminderDaysBefore ?? defaults.ReminderDays,
            Days("escalationGraceDays", request?.EscalationGraceDays, defaults.EscalationGraceDays));
        if (schedule.ReminderDaysBefore.Count > 10 || schedule.ReminderDaysBefore.Any(d => d is < 1 or > MaxStageDays))
            add("schedule.reminderDaysBefore", $"Up to 10 reminders, each 1 to {MaxStageDays} days before the due date.");
        return schedule;
    }

    private static string Ids(PlanCatalogue catalogue) => string.Join(", ", catalogue.ThematicEvaluations.Select(t => t.Id));

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
