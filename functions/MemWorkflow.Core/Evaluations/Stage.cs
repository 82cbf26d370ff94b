namespace MemWorkflow.Core.Evaluations;

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

public static class Stages
{
    public static Owner OwnerOf(Stage stage) => stage switch
    {
        Stage.Issued or Stage.CountryReview => Owner.Nce,
        Stage.InReview or Stage.RevisionRequested => Owner.Geg,
        Stage.ConsultantReview => Owner.Consultant,
        Stage.AwaitingApproval or Stage.Approved => Owner.MemUnit,
        _ => Owner.None,
    };

    public static bool IsFinal(Stage stage) => stage is Stage.Published or Stage.Withdrawn;
}
