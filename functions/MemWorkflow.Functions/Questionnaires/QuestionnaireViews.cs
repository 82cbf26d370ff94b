using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Documents;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Questionnaires;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Questionnaires;

public sealed record AnswerRequest(AnswerStatus? Status, string? Text, IReadOnlyList<string>? DocumentIds);

/// <summary><see cref="SavedByName"/>: who saved it, as colleagues know them (several NCE users share a questionnaire).
/// <see cref="Status"/> is null in a draft whose narrative was typed before a status was chosen.</summary>
public sealed record AnswerView(AnswerStatus? Status, string Text, IReadOnlyList<string> DocumentIds, int Version, string SavedBy, DateTimeOffset SavedAt, string? SavedByName)
{
    public static AnswerView Of(StoredAnswer a) => new(a.Status, a.Text, a.DocumentIds, a.Version, a.SavedBy, a.SavedAt, a.SavedByName);
}

/// <summary><see cref="PillarTitle"/> is the pillar's official title, the questionnaire's heading;
/// <see cref="PillarShortName"/> ("Supply Reduction") is for labels.</summary>
public sealed record QuestionnaireItemView(
    string PriorityActionId, string PillarId, string PillarTitle, string PillarShortName, int ObjectiveNumber, string ObjectiveText, string Number, string Text,
    AnswerView? Answer);

public sealed record DocumentView(
    string DocumentId, string FileName, DocumentStatus Status, string? ContentType, long? Length, string? Sha256,
    string UploadedBy, DateTimeOffset ReservedAt, DateTimeOffset? CompletedAt, string? RejectionReason, IReadOnlyList<string> PriorityActionIds)
{
    public static DocumentView Of(MeansOfVerification d, EvaluationState state) => new(
        d.Id, d.FileName, d.Status, d.ContentType, d.Length, d.Sha256, d.UploadedBy, d.ReservedAt, d.CompletedAt, d.RejectionReason,
        state.Answers.Where(a => a.Value.DocumentIds.Contains(d.Id)).Select(a => a.Key).Order(StringComparer.Ordinal).ToList());
}

/// <summary>The questionnaire in the words of the Plan of Action the round was started under (<see cref="PlanId"/>).</summary>
public sealed record QuestionnaireView(
    string RoundId, string PlanId, string PlanTitle, string MemberState, Stage Stage, DateTimeOffset? Due, DateTimeOffset? SubmittedAt, bool Late,
    int Answered, IReadOnlyList<QuestionnaireItemView> Items, IReadOnlyList<DocumentView> Documents)
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

public sealed record SubmissionView(string RoundId, string MemberState, Stage Stage, DateTimeOffset SubmittedAt, bool Late, int Answers, int Documents);
