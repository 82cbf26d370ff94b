using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;

namespace MemWorkflow.Contracts.Questionnaires;

/// <summary>An NCE's answer to one priority action; <see cref="Status"/> may stay null in a draft.</summary>
public sealed record AnswerRequest(AnswerStatus? Status, string? Text, IReadOnlyList<string>? DocumentIds);

/// <summary><see cref="SavedByName"/>: who saved it, as colleagues know them (several NCE users share a questionnaire).
/// <see cref="Status"/> is null in a draft whose narrative was typed before a status was chosen.</summary>
public sealed record AnswerView(AnswerStatus? Status, string Text, IReadOnlyList<string> DocumentIds, int Version, string SavedBy, DateTimeOffset SavedAt, string? SavedByName);

/// <summary><see cref="PillarTitle"/> is the pillar's official title, the questionnaire's heading;
/// <see cref="PillarShortName"/> ("Supply Reduction") is for labels.</summary>
public sealed record QuestionnaireItemView(
    string PriorityActionId, string PillarId, string PillarTitle, string PillarShortName, int ObjectiveNumber, string ObjectiveText, string Number, string Text,
    AnswerView? Answer);

/// <summary>The questionnaire in the words of the Plan of Action the round was started under (<see cref="PlanId"/>).</summary>
public sealed record QuestionnaireView(
    string RoundId, string PlanId, string PlanTitle, string MemberState, Stage Stage, DateTimeOffset? Due, DateTimeOffset? SubmittedAt, bool Late,
    int Answered, IReadOnlyList<QuestionnaireItemView> Items, IReadOnlyList<DocumentView> Documents);

public sealed record SubmissionView(string RoundId, string MemberState, Stage Stage, DateTimeOffset SubmittedAt, bool Late, int Answers, int Documents);
