namespace MemWorkflow.Contracts.Evaluations;

/// <summary>Stages of one country's evaluation. Overdue is derived from the due date, never a stage.</summary>
public enum Stage
{
    Issued,
    Submitted,
    InReview,
    ConsultantReview,
    RevisionRequested,
    CountryReview,
    AwaitingApproval,
    Approved,
    Published,
    Withdrawn,
}

/// <summary>Who the current stage waits on.</summary>
public enum Owner
{
    None,
    Nce,
    Geg,
    Consultant,
    MemUnit,
}

/// <summary>The consultant's decision on a draft.</summary>
public enum FeedbackDecision
{
    Approve,
    RequestChanges,
}
