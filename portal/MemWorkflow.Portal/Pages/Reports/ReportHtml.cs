using System.Text.RegularExpressions;

namespace MemWorkflow.Portal.Pages.Reports;

/// <summary>The published report is a whole HTML document; the page shows its body, with its headings
/// moved one level down so the page keeps one h1. Its own stylesheet styles a whole page (body), so it
/// stays out: the portal's <c>.report</c> rules give it the same look inside the page.</summary>
public static partial class ReportHtml
{
    public static string Body(string document, out string? language)
    {
        language = LanguageAttribute().Match(document) is { Success: true } m ? m.Groups[1].Value : null;
        var body = BodyElement().Match(document) is { Success: true } b ? b.Groups[1].Value : document;
        // Scripts never run from a report: the API forbids them (its CSP) and the portal drops them.
        body = Script().Replace(body, "");
        body = Heading().Replace(body, h => $"<{h.Groups[1].Value}h{Math.Min(int.Parse(h.Groups[2].Value) + 1, 6)}");
        return Style().Replace(body, "");
    }

    [GeneratedRegex("<html[^>]*\\blang=\"([a-zA-Z-]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageAttribute();

    [GeneratedRegex("<style[^>]*>.*?</style>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Style();

    [GeneratedRegex("<body[^>]*>(.*)</body>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex BodyElement();

    [GeneratedRegex("<script.*?</script>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Script();

    [GeneratedRegex("<(/?)h([1-6])", RegexOptions.IgnoreCase)]
    private static partial Regex Heading();
}
