using Azure.Data.Tables;
using MemWorkflow.Functions.Http;

namespace MemWorkflow.Functions.Storage;

/// <summary>Azure Table Storage's limits, checked before every write because Azurite does not enforce
/// them: what passes locally must pass in Azure.</summary>
public static class TableLimits
{
    public const int MaxTransactionActions = 100;
    public const int MaxTransactionBytes = 4 * 1024 * 1024;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxPropertyBytes = 64 * 1024;
    public const int MaxProperties = 252;
    public const int MaxKeyChars = 512;

    public static void EnsureWithin(IReadOnlyCollection<TableTransactionAction> actions)
    {
        if (actions.Count > MaxTransactionActions)
            throw new TableLimitExceededException($"A transaction has {actions.Count} operations; Azure allows {MaxTransactionActions}.");
        if (actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count() > 1)
            throw new TableLimitExceededException("A transaction spans more than one partition.");
        var total = actions.Sum(a => EnsureWithin(a.Entity));
        if (total > MaxTransactionBytes)
            throw new TableLimitExceededException($"A transaction carries {total:N0} bytes; Azure allows {MaxTransactionBytes:N0}.");
    }

    /// <summary>Checks one entity and returns its size as Azure counts it.</summary>
    public static long EnsureWithin(ITableEntity entity)
    {
        EnsureKey(entity.PartitionKey, "PartitionKey");
        EnsureKey(entity.RowKey, "RowKey");
        long size = 4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2 + 8;
        if (entity is not TableEntity table)
            return size;
        var properties = table.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")).ToList();
        if (properties.Count > MaxProperties)
            throw new TableLimitExceededException($"Entity {entity.RowKey} has {properties.Count} properties; Azure allows {MaxProperties}.");
        foreach (var name in properties)
        {
            var valueBytes = table[name] switch
            {
                string s => PropertyBytes(entity, name, s.Length * 2L + 4),
                byte[] b => PropertyBytes(entity, name, b.Length + 4L),
                BinaryData d => PropertyBytes(entity, name, d.ToMemory().Length + 4L),
                bool => 1,
                int => 4,
                Guid => 16,
                null => 0,
                _ => 8,
            };
            size += 8 + name.Length * 2 + valueBytes;
        }
        if (size > MaxEntityBytes)
            throw new TableLimitExceededException($"Entity {entity.RowKey} is {size:N0} bytes; Azure allows {MaxEntityBytes:N0}.");
        return size;
    }

    public static bool FitsInProperty(string value) => value.Length * 2L + 4 <= MaxPropertyBytes;

    private static long PropertyBytes(ITableEntity entity, string name, long bytes) => bytes <= MaxPropertyBytes
        ? bytes
        : throw new TableLimitExceededException($"Property {name} of {entity.RowKey} is {bytes:N0} bytes; Azure allows {MaxPropertyBytes:N0}.");

    private static void EnsureKey(string key, string name)
    {
        if (key.Length > MaxKeyChars)
            throw new TableLimitExceededException($"{name} '{key[..40]}…' is {key.Length} characters; Azure allows 1 KiB.");
        if (key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
            throw new TableLimitExceededException($"{name} '{key}' contains a character Azure does not allow in keys.");
    }
}

/// <summary>A write would break an Azure Storage limit: a bug in the shell, never a client's fault,
/// since inputs are validated before they get here.</summary>
public sealed class TableLimitExceededException(string message) : InvalidOperationException(message);
