using System.Text.Unicode;

namespace MemWorkflow.Core.Documents;

/// <summary>Checks that a file identified as text from its head is text throughout: fed the bytes in
/// chunks as they stream by (for the hash anyway), it holds back a character split between chunks.</summary>
public sealed class TextScan
{
    private readonly byte[] carry = new byte[4];
    private int carried;
    private bool first = true;

    /// <summary>Where the first byte that is not text was found, once one was.</summary>
    public long? NotTextAt { get; private set; }

    private long offset;

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (NotTextAt is not null || chunk.IsEmpty)
            return;
        // Only a chunk that follows a split character is copied, to put the character back together.
        ReadOnlySpan<byte> joined = chunk;
        if (carried > 0)
        {
            var whole = new byte[carried + chunk.Length];
            carry.AsSpan(0, carried).CopyTo(whole);
            chunk.CopyTo(whole.AsSpan(carried));
            joined = whole;
        }
        var start = offset - carried;
        var text = joined;
        if (first && text.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            text = text[3..];
        first = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] < 0x20 && text[i] is not (0x09 or 0x0A or 0x0D or 0x0C))
            {
                NotTextAt = start + (joined.Length - text.Length) + i;
                return;
            }
        }
        // Keep back an incomplete character at the end for the next chunk.
        var keep = 0;
        while (keep < 3 && keep < text.Length && !Utf8.IsValid(text[..^keep]))
            keep++;
        if (!Utf8.IsValid(text[..^keep]))
        {
            NotTextAt = start;
            return;
        }
        text[^keep..].CopyTo(carry);
        carried = keep;
        offset += chunk.Length;
    }

    /// <summary>True when every byte fed was text and no character was left unfinished.</summary>
    public bool Complete() => NotTextAt is null && carried == 0;
}
