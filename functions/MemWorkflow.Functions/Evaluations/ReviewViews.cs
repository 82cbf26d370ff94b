using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Core.Evaluations;

namespace MemWorkflow.Functions.Evaluations;

/// <summary>The contract's review views, made from what is stored.</summary>
public static class ReviewViews
{
    extension(SummaryView)
    {
        /// <param name="forTheCountry">The NCE does not learn who evaluates it: the expert is "geg", unnamed.</param>
        public static SummaryView Of(DraftObjective d, bool forTheCountry = false) => forTheCountry
            ? new(d.ObjectiveId, d.Summary, d.Assessments, d.Version, "geg", d.SavedAt, null)
            : new(d.ObjectiveId, d.Summary, d.Assessments, d.Version, d.SavedBy, d.SavedAt, d.SavedByName);
    }

    extension(ReviewNote)
    {
        public static ReviewNote? Of(EvaluationEvent e, bool forTheCountry) => e switch
        {
            ChangesRequested c when !forTheCountry => new("changesRequested", c.At, c.Iteration, null, c.Comments),
            CountryCommented c => new("countryComments", c.At, null, c.Accepted, string.IsNullOrWhiteSpace(c.Text) ? [] : [new ReviewComment(null, c.Text)]),
            _ => null,
        };
    }

    extension(StageView)
    {
        public static StageView Of(string roundId, EvaluationState state) => new(roundId, state.MemberState, state.Stage, state.Due, state.Iterations);
    }
}
