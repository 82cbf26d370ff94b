using System.ComponentModel.DataAnnotations;

namespace MemWorkflow.Functions.Storage;

public sealed class StorageOptions
{
    public const string Section = "Mem:Storage";

    /// <summary>Used when <see cref="AccountName"/> is not set: Azurite locally, or a key-based account.</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>In Azure: the storage account reached with the app's managed identity (DefaultAzureCredential),
    /// so no account key exists anywhere. When set, the connection string is not used.</summary>
    [RegularExpression("^[a-z0-9]{3,24}$")]
    public string? AccountName { get; set; }

    /// <summary>In Azure: the account browsers upload means of verification to (its intake container), reached
    /// with the same identity. It stays public when the account above is private; unset (locally, in tests),
    /// the intake container is in the account above.</summary>
    [RegularExpression("^[a-z0-9]{3,24}$")]
    public string? IntakeAccountName { get; set; }

    /// <summary>Client id of the user-assigned managed identity to use; empty means the system-assigned one.</summary>
    public string? ClientId { get; set; }

    public bool UsesIdentity => !string.IsNullOrEmpty(AccountName);

    /// <summary>Table name prefix, so several instances can share one storage account (tests, benchmarks).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$")]
    public string TablePrefix { get; set; } = "mem";

    /// <summary>Blob container name prefix (lower case), empty in production: containers are named as the architecture says.</summary>
    [RegularExpression("^[a-z0-9]{0,20}$")]
    public string ContainerPrefix { get; set; } = "";
}
