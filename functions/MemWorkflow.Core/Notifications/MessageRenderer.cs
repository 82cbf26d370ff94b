using System.Net;
using System.Text;

namespace MemWorkflow.Core.Notifications;

/// <summary>Writes a <see cref="Message"/> as plain text and as simple, inline-styled HTML. Every run
/// is HTML-encoded: the templates hold no markup, so nothing a person typed can become markup.</summary>
internal static class MessageRenderer
{
    private const string Accent = "#0b3d6e";

    public static Email ToEmail(Message message, Recipient to, string kind) =>
        new(to, kind, message.Subject, Text(message), Html(message));

    public static string Text(Message message) => string.Join("\n\n", message.Blocks.Select(block => block switch
    {
        Paragraph p => string.Join("\n", p.Lines.Select(l => l.ToString())),
        Bullets b => string.Join("\n", b.Items.Select(i => $"- {i}")),
        _ => "",
    }));

    public static string Html(Message message)
    {
        var subject = Encode(message.Subject);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n")
            .Append("<html lang=\"").Append(message.Language).Append("\">\n")
            .Append("<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(subject).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:0;background-color:#f4f5f7;\">\n")
            .Append("<div role=\"article\" aria-label=\"").Append(subject).Append("\" lang=\"").Append(message.Language)
            .Append("\" style=\"max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2933;\">\n")
            .Append("<h1 style=\"margin:0 0 16px;font-size:20px;line-height:1.3;color:").Append(Accent).Append(";\">").Append(subject).Append("</h1>\n");
        foreach (var block in message.Blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    AppendParagraph(html, p);
                    break;
                case Bullets b:
                    html.Append("<ul style=\"margin:0 0 16px;padding-left:24px;\">\n");
                    foreach (var item in b.Items)
                        html.Append("<li>").Append(Runs(item)).Append("</li>\n");
                    html.Append("</ul>\n");
                    break;
            }
        }
        return html.Append("</div>\n</body>\n</html>\n").ToString();
    }

    /// <summary>Lines run together with breaks; a line with a portal address becomes a button, then
    /// the line itself in small print, so the address is there when buttons are not shown.</summary>
    private static void AppendParagraph(StringBuilder html, Paragraph paragraph)
    {
        var open = new List<Line>();
        foreach (var line in paragraph.Lines)
        {
            if (!line.Runs.Any(r => r.Kind == RunKind.Link))
            {
                open.Add(line);
                continue;
            }
            Flush(html, open);
            foreach (var link in line.Runs.Where(r => r.Kind == RunKind.Link))
            {
                html.Append("<p style=\"margin:24px 0 8px;\"><a href=\"").Append(Encode(link.Text))
                    .Append("\" style=\"display:inline-block;padding:12px 20px;background-color:").Append(Accent)
                    .Append(";color:#ffffff;text-decoration:none;font-weight:bold;border-radius:4px;\">")
                    .Append(Encode(link.Caption ?? link.Text)).Append("</a></p>\n");
            }
            html.Append("<p style=\"margin:0 0 16px;font-size:14px;color:#52606d;\">").Append(Runs(line)).Append("</p>\n");
        }
        Flush(html, open);
    }

    private static void Flush(StringBuilder html, List<Line> lines)
    {
        if (lines.Count == 0)
            return;
        html.Append("<p style=\"margin:0 0 16px;\">").AppendJoin("<br>\n", lines.Select(Runs)).Append("</p>\n");
        lines.Clear();
    }

    private static string Runs(Line line) => string.Concat(line.Runs.Select(run => run.Kind switch
    {
        RunKind.Strong => $"<strong>{Encode(run.Text)}</strong>",
        RunKind.Link => $"<a href=\"{Encode(run.Text)}\" style=\"color:{Accent};\">{Encode(run.Text)}</a>",
        _ => Encode(run.Text),
    }));

    /// <summary>HTML-encodes, and keeps the line breaks of multi-line text (country comments).</summary>
    private static string Encode(string text) =>
        WebUtility.HtmlEncode(text.ReplaceLineEndings("\n")).Replace("\n", "<br>\n", StringComparison.Ordinal);
}
