using System.Globalization;
using System.Runtime.CompilerServices;

namespace MemWorkflow.Core.Notifications;

/// <summary>An email before it is rendered: a subject and blocks of lines, in one language. The
/// templates say what to write; <see cref="MessageRenderer"/> says how text and HTML show it.</summary>
internal sealed record Message(string Language, string Subject, IReadOnlyList<Block> Blocks);

internal abstract record Block;

/// <summary>Lines that belong together: one blank line around them in text, one paragraph in HTML.</summary>
internal sealed record Paragraph(IReadOnlyList<Line> Lines) : Block;

/// <summary>Items such as review comments: "- item" lines in text, a list in HTML.</summary>
internal sealed record Bullets(IReadOnlyList<Line> Items) : Block;

internal enum RunKind
{
    /// <summary>Words: template text and the values people gave (names, reasons, comments).</summary>
    Text,
    /// <summary>A deadline: bold in HTML.</summary>
    Strong,
    /// <summary>A portal address: a button and a link in HTML.</summary>
    Link,
}

/// <summary>A piece of a line; <see cref="Caption"/> is the button text of a link.</summary>
internal readonly record struct Run(RunKind Kind, string Text, string? Caption = null);

/// <summary>A deadline, written the recipient's way; bold in HTML.</summary>
internal readonly record struct Deadline(string Text);

/// <summary>A page of the portal and what its button says.</summary>
internal readonly record struct PortalLink(Uri Url, string Caption);

/// <summary>One line of an email, written as an interpolated string: literals and values stay apart,
/// so the HTML renderer encodes every value and knows which are deadlines and links.</summary>
[InterpolatedStringHandler]
internal readonly struct Line
{
    private readonly List<Run> runs;

    public Line(int literalLength, int formattedCount) => runs = new List<Run>(2 * formattedCount + 1);

    public IReadOnlyList<Run> Runs => runs ?? [];

    public void AppendLiteral(string value) => Add(new Run(RunKind.Text, value));

    public void AppendFormatted(string? value) => Add(new Run(RunKind.Text, value ?? ""));

    public void AppendFormatted(int value) => Add(new Run(RunKind.Text, value.ToString(CultureInfo.InvariantCulture)));

    public void AppendFormatted(Deadline value) => Add(new Run(RunKind.Strong, value.Text));

    public void AppendFormatted(PortalLink value) => Add(new Run(RunKind.Link, value.Url.ToString(), value.Caption));

    private void Add(Run run)
    {
        if (run.Text.Length > 0)
            runs.Add(run);
    }

    public static implicit operator Line(string text)
    {
        var line = new Line(text.Length, 0);
        line.AppendLiteral(text);
        return line;
    }

    public override string ToString() => string.Concat(Runs.Select(r => r.Text));
}
