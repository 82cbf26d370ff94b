using System.Security.Cryptography;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Documents;

/// <summary>Reads at most a limit from a request body (or an intake blob), then refuses (413), so a client
/// cannot fill storage; hashes the bytes as they pass.</summary>
internal sealed class LimitedStream(Stream inner, long limit) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long read;

    /// <summary>Reading the source failed, not writing the blob: a storage error then is the source's (an
    /// intake blob that changed), never "the blob already exists".</summary>
    public bool SourceFailed { get; private set; }

    public string Sha256() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n;
        try
        {
            n = inner.Read(buffer, offset, count);
        }
        catch
        {
            SourceFailed = true;
            throw;
        }
        return Count(buffer.AsSpan(offset, n));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        try
        {
            n = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch
        {
            SourceFailed = true;
            throw;
        }
        return Count(buffer.Span[..n]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(ReadOnlySpan<byte> data)
    {
        read += data.Length;
        if (read > limit)
            throw new DocumentTooLargeException(limit);
        hash.AppendData(data);
        return data.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            hash.Dispose();
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
