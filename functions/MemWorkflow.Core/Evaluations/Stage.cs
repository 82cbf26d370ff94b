using MemWorkflow.Contracts.Evaluations;

namespace MemWorkflow.Core.Evaluations;

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
