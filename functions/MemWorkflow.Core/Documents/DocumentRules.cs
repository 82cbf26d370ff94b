using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace MemWorkflow.Core.Documents;

/// <summary>What the bytes of an upload turned out to be: an allowed type, or why not.</summary>
public sealed record Identification(string? ContentType, string Description)
{
    public bool Allowed => ContentType is not null;
}

/// <summary>Means of verification are identified by their content, never by the name or type the
/// client declares: an executable renamed .pdf is still an executable.</summary>
public static class DocumentRules
{
    public const int HeadBytes = 4096;
    public const int MaxFileNameLength = 200;

    /// <summary>The longest file name a reservation may send; it is kept as a label of at most <see cref="MaxFileNameLength"/>.</summary>
    public const int MaxRequestedFileNameChars = 1024;
    public const int MaxContentTypeChars = 255;

    /// <summary>What makes a reservation's fields valid, as field -> messages, empty when valid.</summary>
    public static Dictionary<string, string[]> ReservationErrors(string? fileName, string? contentType, long? length)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > MaxRequestedFileNameChars)
            errors["fileName"] = [$"The file's name is required (at most {MaxRequestedFileNameChars} characters); it is kept as a label only."];
        if (contentType is { Length: > MaxContentTypeChars })
            errors["contentType"] = [$"A content type has at most {MaxContentTypeChars} characters."];
        if (length is null or <= 0)
            errors["length"] = ["The file's length in bytes is required."];
        return errors;
    }

    /// <summary>What the allow-list accepts, as a refusal tells the NCE.</summary>
    public const string AcceptedKinds = "PDF, Word, Excel, PowerPoint, OpenDocument text and spreadsheet, PNG, JPEG, plain text and CSV files";

    /// <summary>Identifies content from its first bytes and, for ZIP containers, the names of its entries.</summary>
    public static Identification Identify(ReadOnlySpan<byte> head, string declaredName, IReadOnlyCollection<string>? zipEntries)
    {
        if (head.IsEmpty)
            return new(null, "an empty file");
        if (head.StartsWith("%PDF-"u8))
            return new("application/pdf", "a PDF document");
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
            return new("image/png", "a PNG image");
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
            return new("image/jpeg", "a JPEG image");
        if (head.StartsWith("MZ"u8))
            return new(null, "a Windows executable");
        if (head.StartsWith("\u007FELF"u8))
            return new(null, "a Linux executable (ELF)");
        if (head.StartsWith("PK\u0003\u0004"u8))
            return IdentifyZip(head, zipEntries);
        if (IsText(head))
            return declaredName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? new("text/csv", "a CSV file")
                : new("text/plain", "a plain text file");
        return new(null, "binary content of a type that is not accepted");
    }

    private static Identification IdentifyZip(ReadOnlySpan<byte> head, IReadOnlyCollection<string>? entries)
    {
        // Macros are code: a macro-enabled Office file (VBA in vbaProject.bin, OpenDocument Basic or
        // scripts) is refused whatever its name says, not accepted as the document it resembles.
        if (entries?.Any(e => e.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                || e.StartsWith("Basic/", StringComparison.Ordinal) || e.StartsWith("Scripts/", StringComparison.Ordinal)) == true)
            return new(null, "a macro-enabled Office file (it carries macro code); save it without macros, or as PDF");
        // OpenDocument puts an uncompressed "mimetype" entry first, so its type is readable from the head.
        if (head.Length > 38 && head[30..].StartsWith("mimetype"u8))
        {
            var mimetype = head[38..];
            if (mimetype.StartsWith("application/vnd.oasis.opendocument.text"u8) && !mimetype.StartsWith("application/vnd.oasis.opendocument.text-"u8))
                return new("application/vnd.oasis.opendocument.text", "an OpenDocument text");
            if (mimetype.StartsWith("application/vnd.oasis.opendocument.spreadsheet"u8) && !mimetype.StartsWith("application/vnd.oasis.opendocument.spreadsheet-"u8))
                return new("application/vnd.oasis.opendocument.spreadsheet", "an OpenDocument spreadsheet");
        }
        if (entries is not null && entries.Contains("[Content_Types].xml"))
        {
            if (entries.Any(e => e.StartsWith("word/", StringComparison.Ordinal)))
                return new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word document");
            if (entries.Any(e => e.StartsWith("xl/", StringComparison.Ordinal)))
                return new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "an Excel workbook");
            if (entries.Any(e => e.StartsWith("ppt/", StringComparison.Ordinal)))
                return new("application/vnd.openxmlformats-officedocument.presentationml.presentation", "a PowerPoint presentation");
        }
        return new(null, "a ZIP archive that is not a Word, Excel, PowerPoint or OpenDocument file");
    }

    /// <summary>UTF-8 (or ASCII) without NUL or other control characters than tab, line breaks and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            head = head[3..];
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C))
                return false;
        }
        // The head may end in the middle of a multi-byte character.
        for (var cut = 0; cut < 4 && cut <= head.Length; cut++)
        {
            if (Utf8.IsValid(head[..^cut]))
                return true;
        }
        return false;
    }

    /// <summary>Keeps a client's file name as a label only: no folders, no control, format or bidirectional
    /// characters (a right-to-left override would make "gpj.exe" read as "exe.jpg"), no unpaired
    /// surrogates, bounded.</summary>
    public static string SanitizeFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault(p => p.Trim().Length > 0 && p.Trim() is not ("." or "..")) ?? "";
        var clean = new StringBuilder();
        foreach (var rune in last.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Surrogate
                || rune == Rune.ReplacementChar || rune.Value is '"' or '<' or '>' or '|' or ':' or '*' or '?')
                continue;
            clean.Append(rune.ToString());
        }
        var result = clean.ToString().Normalize(NormalizationForm.FormC).Trim().TrimStart('.');
        if (result.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(result);
            result = result[..(MaxFileNameLength - Math.Min(extension.Length, 20))] + extension[..Math.Min(extension.Length, 20)];
        }
        return result.Length == 0 ? "document" : result;
    }

    /// <summary>The name a download carries: the label, ending in the extension of the type the bytes
    /// were identified as ("minutes.exe" that is plain text downloads as "minutes.exe.txt").</summary>
    public static string DownloadName(string fileName, string contentType)
    {
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "application/vnd.oasis.opendocument.text" => ".odt",
            "application/vnd.oasis.opendocument.spreadsheet" => ".ods",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => ".docx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ".xlsx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation" => ".pptx",
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            "text/csv" => ".csv",
            "text/plain" => ".txt",
            _ => ".bin",
        };
        var current = Path.GetExtension(fileName);
        var matches = string.Equals(current, extension, StringComparison.OrdinalIgnoreCase)
            || (extension == ".jpg" && string.Equals(current, ".jpeg", StringComparison.OrdinalIgnoreCase));
        return matches ? fileName : fileName + extension;
    }
}
