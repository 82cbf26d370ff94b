namespace MemWorkflow.Contracts.Documents;

public enum DocumentStatus
{
    /// <summary>Reserved: the upload URL was handed out, the bytes are not verified yet.</summary>
    Reserved,
    /// <summary>Present, within the size limit, of an allowed type, hashed.</summary>
    Completed,
    /// <summary>Failed verification; its blob was deleted.</summary>
    Rejected,
}
