namespace MemWorkflow.Contracts.Rounds;

public enum RoundStatus
{
    Open,
    Cancelled,
    Closed,
}
