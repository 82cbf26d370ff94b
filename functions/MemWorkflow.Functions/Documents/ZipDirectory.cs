using System.Buffers.Binary;
using System.Text;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Documents;

/// <summary>The names in a ZIP archive's central directory, read as a stream from where the end record says it
/// starts, one entry at a time, and only up to a cap: an archive that claims (or holds) more entries than any
/// Office document has is refused without its names ever being held. <see cref="System.IO.Compression.ZipArchive"/>
/// would materialise every entry first.</summary>
public static class ZipDirectory
{
    public const int MaxEntries = 10_000;
    public const long MaxDirectoryBytes = 8 * 1024 * 1024;

    private const uint EndSignature = 0x06054b50, Zip64LocatorSignature = 0x07064b50, Zip64EndSignature = 0x06064b50, EntrySignature = 0x02014b50;
    private const int EndLength = 22, MaxComment = 65_535;

    /// <summary>Listed: the entry names. TooLarge: more entries, or a larger directory, than the caps. Null: not a readable ZIP archive.</summary>
    public abstract record Listing
    {
        public sealed record Listed(IReadOnlyCollection<string> Names) : Listing;

        public sealed record TooLarge(long Entries, long DirectoryBytes) : Listing;
    }

    /// <param name="read">Reads a range of the archive (offset, length) as a stream.</param>
    public static async Task<Listing?> ReadAsync(long length, Func<long, long, CancellationToken, Task<Stream>> read, CancellationToken cancellationToken)
    {
        var tailLength = Math.Min(length, EndLength + MaxComment + 20);
        var tail = await ReadAllAsync(read, length - tailLength, tailLength, cancellationToken);
        var end = LastIndexOf(tail, EndSignature, EndLength);
        if (end < 0)
            return null;
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        if ((entries == 0xFFFF || size == 0xFFFFFFFF || offset == 0xFFFFFFFF) && end >= 20
            && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - 20)) == Zip64LocatorSignature)
        {
            var recordAt = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(end - 12));
            if (recordAt < 0 || recordAt > length - 56)
                return null;
            var record = await ReadAllAsync(read, recordAt, 56, cancellationToken);
            if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
                return null;
            entries = (long)BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32));
            size = (long)BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40));
            offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48));
        }
        if (entries > MaxEntries || size > MaxDirectoryBytes)
            return new Listing.TooLarge(entries, size);
        if (entries < 0 || size < 0 || offset < 0 || offset + size > length)
            return null;
        if (entries == 0 || size == 0)
            return new Listing.Listed([]);

        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var directory = new BufferedStream(await read(offset, size, cancellationToken), 64 * 1024);
        var header = new byte[46];
        for (var i = 0; i < entries; i++)
        {
            if (!await FillAsync(directory, header, cancellationToken) || BinaryPrimitives.ReadUInt32LittleEndian(header) != EntrySignature)
                return null;
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            var skip = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            var name = new byte[nameLength];
            if (!await FillAsync(directory, name, cancellationToken) || !await SkipAsync(directory, skip, cancellationToken))
                return null;
            // Bit 11: UTF-8 names; otherwise IBM 437, whose ASCII part (every name the rules look at) reads the same.
            names.Add((BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8)) & 0x800) != 0 ? Encoding.UTF8.GetString(name) : Encoding.Latin1.GetString(name));
        }
        return new Listing.Listed(names);
    }

    private static int LastIndexOf(byte[] data, uint signature, int minimumLength)
    {
        for (var i = data.Length - minimumLength; i >= 0; i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i)) == signature)
                return i;
        return -1;
    }

    private static async Task<byte[]> ReadAllAsync(Func<long, long, CancellationToken, Task<Stream>> read, long offset, long length, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        await using var stream = await read(offset, length, cancellationToken);
        return await FillAsync(stream, buffer, cancellationToken) ? buffer : [];
    }

    private static async Task<bool> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private static async Task<bool> SkipAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(count, 4096)];
        while (count > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(count, buffer.Length)), cancellationToken);
            if (read == 0)
                return false;
            count -= read;
        }
        return true;
    }
}
