using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Rounds;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Storage;
using Period = MemWorkflow.Contracts.Rounds.EvaluationPeriod;
using Schedule = MemWorkflow.Contracts.Rounds.RoundSchedule;

namespace MemWorkflow.Functions.Rounds;

/// <summary>The contract's round views, made from what is stored.</summary>
public static class RoundViews
{
    extension(RoundView)
    {
        /// <summary>A country whose questionnaire is not issued yet (a fan-out still running) shows no stage.</summary>
        public static RoundView Of(RoundState round, IReadOnlyDictionary<string, EvaluationState> evaluations, DateTimeOffset now)
        {
            var plan = PlanCatalogues.Known.For(round.Settings).Plan;
            var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
            var countries = round.Settings.Countries.Select(c => evaluations.TryGetValue(c.MemberState, out var e)
                ? new CountryView(c.MemberState, MemberStates.NameOf(c.MemberState), e.Stage, e.Due, e.IsOverdue(now), e.Owner, c.ExcludedPillarIds)
                : new CountryView(c.MemberState, MemberStates.NameOf(c.MemberState), null, null, false, Owner.None, c.ExcludedPillarIds)).ToList();
            return new RoundView(round.RoundId, plan.Id, plan.Title, thematic.Id, thematic.Title, thematic.Year, round.Status, round.StartedAt,
                Period.Of(round.Settings.EvaluationPeriod), round.Settings.Language, Schedule.Of(round.Settings.Schedule), round.Settings.ExpertsPerEvaluation,
                round.Settings.CountryReview, round.Settings.ExpertLoadCap, round.CancellationReason, countries);
        }
    }

    extension(EvaluationView)
    {
        /// <summary>The history is paged: the newest events come with the evaluation, and <c>historyEarlier</c>
        /// is the address of the page before them (null when the page starts at the first event).</summary>
        public static EvaluationView Of(string roundId, EvaluationState e, HistoryPage page, DateTimeOffset now, bool forTheCountry = false, int? pageSize = null) =>
            EvaluationView.Of(roundId, e, page.Entries, now, forTheCountry) with
            {
                HistoryEarlier = page.EarlierBefore is { } before
                    ? $"/api/rounds/{roundId}/countries/{e.MemberState}?historyBefore={before}" + (pageSize is { } size ? $"&historyPageSize={size}" : "")
                    : null,
            };

        /// <param name="forTheCountry">The evaluated state's NCE is asking: it never learns who evaluates it or
        /// why someone declined (MEM-PROCESS.md, confidentiality), so reviewers appear by their role only.</param>
        public static EvaluationView Of(string roundId, EvaluationState e, IReadOnlyList<HistoryEntry> history, DateTimeOffset now, bool forTheCountry = false) => new(
            roundId, e.MemberState, MemberStates.NameOf(e.MemberState), e.Stage, e.Due, e.IsOverdue(now), e.Owner, e.PriorityActionIds.Count,
            history.Select(h => forTheCountry ? ForTheCountry(h) : new HistoryView(h.At, h.Type, h.Actor, h.ActorName, Summarize(h.Event), h.Version)).ToList(), null);
    }

    extension(Period)
    {
        public static Period Of(MemWorkflow.Core.Rounds.EvaluationPeriod p) => new(p.From, p.To);
    }

    extension(Schedule)
    {
        public static Schedule Of(MemWorkflow.Core.Rounds.RoundSchedule s) => new(
            s.SubmissionDue, s.DraftDays, s.ConsultantReviewDays, s.RevisionDays, s.CountryReviewDays, s.ApprovalDays, s.ReminderDaysBefore, s.EscalationGraceDays);
    }

    private static HistoryView ForTheCountry(HistoryEntry h) => h.Event switch
    {
        ReviewersAssigned => new(h.At, h.Type, "memUnit", "MEM Unit", "GEG experts and a technical consultant were assigned.", h.Version),
        ReviewerReplaced => new(h.At, h.Type, "memUnit", "MEM Unit", "A GEG expert was replaced.", h.Version),
        ExpertSteppedAside => new(h.At, h.Type, "memUnit", "MEM Unit", "A GEG expert is being replaced.", h.Version),
        SummarySaved or DraftSubmitted or ReviewStarted => new(h.At, h.Type, "geg", "GEG", Summarize(h.Event), h.Version),
        DraftApproved or ChangesRequested => new(h.At, h.Type, "consultant", "Technical consultant", Summarize(h.Event), h.Version),
        _ => new(h.At, h.Type, h.Actor, h.ActorName, Summarize(h.Event), h.Version),
    };

    private static string Summarize(EvaluationEvent @event) => @event switch
    {
        QuestionnaireIssued i => $"Questionnaire issued with {i.PriorityActionIds.Count} priority actions, due {i.Due:u}; {i.Recipients.Count} NCE users emailed.",
        DeadlineExtended x => $"Due date of stage {x.Stage} moved from {x.PreviousDue:u} to {x.Due:u}: {x.Reason}",
        EvaluationWithdrawn w => $"Evaluation withdrawn: {w.Reason}",
        ReminderRecorded r => $"{Capitalize(r.Milestone.ToString())} for the {r.Stage} deadline {r.Due:u} sent to {r.Recipients.Count} people.",
        AnswerSaved a => $"Answer to {a.PriorityActionId} saved ({a.Status?.ToString() ?? "no status yet"}, version {a.Version}, {a.DocumentIds.Count} documents).",
        DocumentReserved d => $"Document {d.DocumentId} ({d.FileName}) reserved for upload.",
        DocumentCompleted d => $"Document {d.DocumentId} verified: {d.ContentType}, {d.Length:N0} bytes, SHA-256 {d.Sha256}.",
        DocumentRejected d => $"Document {d.DocumentId} refused: {d.Reason}",
        ReviewersAssigned r => $"Reviewers assigned: experts {string.Join(", ", r.Experts.Select(e => e.Name))}; consultant {r.Consultant.Name}.",
        ReviewStarted r => $"GEG review started; draft due {r.Due:u}.",
        ReviewerReplaced r => $"Expert {r.DeclinedId} declined ({r.Reason}); replaced by {r.Replacement.Name}.",
        ExpertSteppedAside s => $"Expert {s.ExpertId} declined their seat: {s.Reason}",
        SummarySaved s => $"Evaluative summary of {s.ObjectiveId} saved (version {s.Version}).",
        DraftSubmitted d => $"Draft evaluation submitted (iteration {d.Iteration}) for {d.NextStage}; due {d.Due:u}.",
        DraftApproved d => $"Consultant approved the draft (iteration {d.Iteration}); next {d.NextStage}, due {d.Due:u}.",
        ChangesRequested c => $"Consultant requested changes (iteration {c.Iteration}, {c.Comments.Count} comments); revision due {c.Due:u}.",
        CountryCommented c => c.Accepted ? "The country accepted the draft." : $"The country commented on the draft; revision due {c.Due:u}.",
        CountryReviewLapsed l => $"No country review by {l.Due:u}: the draft proceeds to approval.",
        ReportApproved a => $"Report approved{(a.Note is null ? "" : $": {a.Note}")}.",
        ReportPublished p => $"Report published (SHA-256 {p.Report.Sha256}).",
        QuestionnaireSubmitted s => $"Questionnaire submitted with {s.Answers} answers and {s.Documents} documents{Lateness(s)}.",
        _ => @event.GetType().Name,
    };

    private static string Lateness(QuestionnaireSubmitted s) => s is { Late: true, Due: { } due }
        ? $", {Math.Ceiling((s.At - due).TotalDays):0} days late (due {due:u})"
        : " on time";

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
