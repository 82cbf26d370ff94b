using Azure.Core;
using Azure.Core.Pipeline;

namespace MemWorkflow.Functions.Shell;

/// <summary>Counts storage requests and the bytes they carry: Table transactions, single-entity
/// writes, reads. Cheap counters, read by the benchmark and worth a log line in production.</summary>
public sealed class StorageMetrics : HttpPipelineSynchronousPolicy
{
    private long transactions, writes, reads, bytesWritten;

    public long Transactions => Interlocked.Read(ref transactions);
    public long Writes => Interlocked.Read(ref writes);
    public long Reads => Interlocked.Read(ref reads);
    public long BytesWritten => Interlocked.Read(ref bytesWritten);

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        if (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head)
        {
            Interlocked.Increment(ref reads);
            return;
        }
        if (request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            Interlocked.Increment(ref transactions);
        else
            Interlocked.Increment(ref writes);
        if (request.Content is { } content && content.TryComputeLength(out var length))
            Interlocked.Add(ref bytesWritten, length);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref transactions, 0);
        Interlocked.Exchange(ref writes, 0);
        Interlocked.Exchange(ref reads, 0);
        Interlocked.Exchange(ref bytesWritten, 0);
    }
}
