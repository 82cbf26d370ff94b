namespace MemWorkflow.Contracts.Questionnaires;

public enum AnswerStatus
{
    Implemented,
    PartiallyImplemented,
    NotImplemented,
    NotApplicable,
}
