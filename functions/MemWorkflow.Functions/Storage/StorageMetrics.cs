using Azure.Core;
using Azure.Core.Pipeline;
using MemWorkflow.Functions.Http;

namespace MemWorkflow.Functions.Storage;

/// <summary>Counts storage requests and the bytes they carry: Table transactions, single-entity
/// writes, reads. Cheap counters, read by the benchmark and worth a log line in production.</summary>
public sealed class StorageMetrics : HttpPipelineSynchronousPolicy
{
    private long transactions, writes, reads, bytesWritten;

    public long Transactions => Interlocked.Read(ref transactions);
    public long Writes => Interlocked.Read(ref writes);
    public long Reads => Interlocked.Read(ref reads);
    public long BytesWritten => Interlocked.Read(ref bytesWritten);

    /// <summary>Table queries that name no partition (<c>PartitionKey eq</c>): each reads the whole table.
    /// Only the one-time index migration at start-up may make one; tests hold every request and workflow to none.</summary>
    public IReadOnlyList<string> TableScans { get { lock (scans) return [.. scans]; } }

    private readonly List<string> scans = [];

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head)
        {
            Interlocked.Increment(ref reads);
            if (IsTableScan(request.Uri.Path, request.Uri.Query) is { } scan)
                lock (scans)
                    scans.Add(scan);
            return;
        }
        if (request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            Interlocked.Increment(ref transactions);
        else
            Interlocked.Increment(ref writes);
        if (request.Content is { } content && content.TryComputeLength(out var length))
            Interlocked.Add(ref bytesWritten, length);
    }

    /// <summary>A query of a table's entities (<c>/{table}()</c>) whose filter does not fix the partition.
    /// Point reads (<c>/{table}(PartitionKey='…',RowKey='…')</c>) and the list of tables are not queries of entities.</summary>
    private static string? IsTableScan(string path, string query)
    {
        if (!path.EndsWith("()", StringComparison.Ordinal) || path.EndsWith("/Tables()", StringComparison.OrdinalIgnoreCase))
            return null;
        var filter = Uri.UnescapeDataString(query.Replace('+', ' '));
        return filter.Contains("PartitionKey eq '", StringComparison.Ordinal) ? null : $"{path}{filter}";
    }

    public void Reset()
    {
        Interlocked.Exchange(ref transactions, 0);
        Interlocked.Exchange(ref writes, 0);
        Interlocked.Exchange(ref reads, 0);
        Interlocked.Exchange(ref bytesWritten, 0);
        lock (scans)
            scans.Clear();
    }
}
