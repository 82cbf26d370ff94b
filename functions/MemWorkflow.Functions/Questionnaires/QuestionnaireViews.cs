using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Questionnaires;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;

namespace MemWorkflow.Functions.Questionnaires;

/// <summary>The contract's questionnaire views, made from what is stored.</summary>
public static class QuestionnaireViews
{
    extension(AnswerView)
    {
        public static AnswerView Of(StoredAnswer a) => new(a.Status, a.Text, a.DocumentIds, a.Version, a.SavedBy, a.SavedAt, a.SavedByName);
    }

    extension(DocumentView)
    {
        public static DocumentView Of(MeansOfVerification d, EvaluationState state) => new(
            d.Id, d.FileName, d.Status, d.ContentType, d.Length, d.Sha256, d.UploadedBy, d.ReservedAt, d.CompletedAt, d.RejectionReason,
            state.Answers.Where(a => a.Value.DocumentIds.Contains(d.Id)).Select(a => a.Key).Order(StringComparer.Ordinal).ToList());
    }

    extension(QuestionnaireView)
    {
        public static QuestionnaireView Of(RoundState round, EvaluationState e, IReadOnlyDictionary<string, StoredAnswer> answers)
        {
            var catalogue = PlanCatalogues.Known.For(round.Settings);
            return new(round.RoundId, catalogue.Plan.Id, catalogue.Plan.Title, e.MemberState, e.Stage, e.Due, e.SubmittedAt, e.SubmittedLate, e.Answers.Values.Count(a => a.Status is not null),
                e.PriorityActionIds.Select(id => catalogue.FindPriorityAction(id)!)
                    .Select(x => new QuestionnaireItemView(x.Action.Id, x.Pillar.Id, x.Pillar.Title, x.Pillar.ShortName, x.Objective.Number, x.Objective.Text,
                        x.Action.Number, x.Action.Text, answers.TryGetValue(x.Action.Id, out var a) ? AnswerView.Of(a) : null))
                    .ToList(),
                e.Documents.Values.OrderBy(d => d.ReservedAt).Select(d => DocumentView.Of(d, e)).ToList());
        }
    }
}
