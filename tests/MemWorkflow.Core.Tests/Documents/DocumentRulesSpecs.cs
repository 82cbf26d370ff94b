using System.IO.Compression;
using System.Text;
using MemWorkflow.Core.Documents;

namespace MemWorkflow.Core.Tests.Documents;

public sealed class DocumentRulesSpecs
{
    [Theory]
    [InlineData("%PDF-1.7\n%âãÏÓ", "report.pdf", "application/pdf")]
    [InlineData("Ley General de Salud, artículo 192", "ley.txt", "text/plain")]
    [InlineData("year,seizures\n2019,120\n", "seizures.csv", "text/csv")]
    public void Identify_AllowedTextAndPdf(string content, string name, string expected) =>
        Assert.Equal(expected, DocumentRules.Identify(Encoding.UTF8.GetBytes(content), name, null).ContentType);

    [Fact]
    public void Identify_PngAndJpegByTheirSignatures()
    {
        Assert.Equal("image/png", DocumentRules.Identify(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, "x.bin", null).ContentType);
        Assert.Equal("image/jpeg", DocumentRules.Identify(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "x.bin", null).ContentType);
    }

    [Fact]
    public void Identify_AnExecutableRenamedPdf_IsRefusedAndNamed()
    {
        var identified = DocumentRules.Identify("MZ\u0090\0\u0003\0\0\0"u8.ToArray(), "evidence.pdf", null);
        Assert.False(identified.Allowed);
        Assert.Equal("a Windows executable", identified.Description);
        Assert.False(DocumentRules.Identify("\u007FELF\u0002\u0001"u8.ToArray(), "evidence.pdf", null).Allowed);
    }

    [Fact]
    public void Identify_BinaryNoise_IsRefused() =>
        Assert.False(DocumentRules.Identify(new byte[] { 0, 1, 2, 3, 250, 251 }, "a.txt", null).Allowed);

    private static byte[] Zip(params (string Name, string Content, bool Stored)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, stored) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open());
                writer.Write(content);
            }
        }
        return memory.ToArray();
    }

    [Fact]
    public void Identify_OfficeAndOpenDocumentContainers_ByTheirEntries()
    {
        var docx = Zip(("[Content_Types].xml", "<Types/>", false), ("word/document.xml", "<w:document/>", false));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            DocumentRules.Identify(docx, "a.docx", ["[Content_Types].xml", "word/document.xml"]).ContentType);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            DocumentRules.Identify(docx, "a.xlsx", ["[Content_Types].xml", "xl/workbook.xml"]).ContentType);
        var odt = Zip(("mimetype", "application/vnd.oasis.opendocument.text", true), ("content.xml", "<office/>", false));
        Assert.Equal("application/vnd.oasis.opendocument.text", DocumentRules.Identify(odt, "a.odt", null).ContentType);
        var ods = Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet", true));
        Assert.Equal("application/vnd.oasis.opendocument.spreadsheet", DocumentRules.Identify(ods, "a.ods", null).ContentType);
        Assert.False(DocumentRules.Identify(Zip(("payload.exe", "MZ", false)), "a.docx", ["payload.exe"]).Allowed);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\ana\\Informe anual 2023.pdf", "Informe anual 2023.pdf")]
    [InlineData("ley\u0007\u0000.txt", "ley.txt")]
    [InlineData("\"<script>\".pdf", "script.pdf")]
    [InlineData("..", "document")]
    [InlineData("   ", "document")]
    [InlineData(".hidden", "hidden")]
    [InlineData("informe\u202Egpj.exe", "informegpj.exe")]
    [InlineData("\u2066acta\u2069\u200B\uFEFF.pdf", "acta.pdf")]
    [InlineData("ley\ud800.txt", "ley.txt")]
    public void SanitizeFileName_KeepsOnlyASafeLabel(string raw, string expected) =>
        Assert.Equal(expected, DocumentRules.SanitizeFileName(raw));

    [Fact]
    public void SanitizeFileName_BoundsTheLengthAndKeepsTheExtension()
    {
        var name = DocumentRules.SanitizeFileName(new string('a', 500) + ".pdf");
        Assert.Equal(DocumentRules.MaxFileNameLength, name.Length);
        Assert.EndsWith(".pdf", name);
    }

    [Theory]
    [InlineData("acta.pdf", "application/pdf", "acta.pdf")]
    [InlineData("ACTA.PDF", "application/pdf", "ACTA.PDF")]
    [InlineData("minutes.exe", "text/plain", "minutes.exe.txt")]
    [InlineData("foto.jpeg", "image/jpeg", "foto.jpeg")]
    [InlineData("informe.docx", "application/vnd.oasis.opendocument.text", "informe.docx.odt")]
    [InlineData("document", "text/csv", "document.csv")]
    public void ADownload_EndsInTheExtensionOfItsIdentifiedType(string name, string contentType, string expected) =>
        Assert.Equal(expected, DocumentRules.DownloadName(name, contentType));

    [Fact]
    public void AMacroEnabledOfficeFile_IsRefused_WhateverItsName()
    {
        var docm = Zip(("[Content_Types].xml", "<Types/>", false), ("word/document.xml", "<w:document/>", false), ("word/vbaProject.bin", "VBA", false));
        var refused = DocumentRules.Identify(docm, "informe.docx", ["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]);
        Assert.False(refused.Allowed);
        Assert.Contains("macro", refused.Description);
        var odt = Zip(("mimetype", "application/vnd.oasis.opendocument.text", true), ("Basic/Standard/Module1.xml", "Sub Main", false));
        Assert.False(DocumentRules.Identify(odt, "acta.odt", ["mimetype", "Basic/Standard/Module1.xml"]).Allowed);
    }

    [Fact]
    public void ATextScan_AcceptsTextSplitAnywhere_AndFindsTheFirstByteThatIsNot()
    {
        var text = System.Text.Encoding.UTF8.GetBytes("\uFEFFInforme de México: cooperación bilateral 🙂 con Colombia.\n");
        for (var cut = 1; cut < text.Length; cut++)
        {
            var scan = new TextScan();
            scan.Feed(text.AsSpan(0, cut));
            scan.Feed(text.AsSpan(cut));
            Assert.True(scan.Complete(), $"Split at byte {cut}.");
        }

        var binary = new byte[10_000];
        Array.Fill(binary, (byte)'a');
        binary[6_000] = 0;
        var nul = new TextScan();
        nul.Feed(binary.AsSpan(0, 4_096));
        nul.Feed(binary.AsSpan(4_096));
        Assert.False(nul.Complete());
        Assert.Equal(6_000, nul.NotTextAt);

        // A file that ends in the middle of a character (the first two of the emoji's four bytes).
        var emoji = System.Text.Encoding.UTF8.GetByteCount("\uFEFFInforme de México: cooperación bilateral ");
        var unfinished = new TextScan();
        unfinished.Feed(text.AsSpan(0, emoji + 2));
        Assert.False(unfinished.Complete());
    }
}
