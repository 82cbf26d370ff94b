namespace MemWorkflow.Contracts.Participants;

public enum Role
{
    MemUnit,
    Nce,
    Geg,
    Consultant,
}
