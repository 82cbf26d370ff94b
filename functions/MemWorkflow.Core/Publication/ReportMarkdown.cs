using System.Text;
using System.Text.RegularExpressions;

namespace MemWorkflow.Core.Publication;

/// <summary>Renders a report as Markdown. Everything a person wrote (answers, summaries) is escaped so
/// that it can only ever be text: an answer cannot add a heading, a link or HTML to the report.</summary>
public static partial class ReportMarkdown
{
    public static string Render(ReportModel report)
    {
        var md = new StringBuilder();
        md.AppendLine("# MULTILATERAL EVALUATION MECHANISM (MEM)").AppendLine();
        md.Append("## ").AppendLine(report.CountryName.ToUpperInvariant()).AppendLine();
        md.Append("# Evaluation Report on Drug Policies: ").AppendLine(Escape(report.ThematicTitle)).AppendLine();
        md.AppendLine("## EIGHTH EVALUATION ROUND").AppendLine();
        md.Append("## ").AppendLine(report.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)).AppendLine();
        md.AppendLine("## PREFACE").AppendLine();
        md.AppendLine(Preface(report)).AppendLine();

        foreach (var pillar in report.Pillars)
        {
            md.Append("## ").AppendLine(pillar.Title.ToUpperInvariant()).AppendLine();
            foreach (var objective in pillar.Objectives)
            {
                md.Append("### OBJECTIVE ").AppendLine(objective.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).AppendLine();
                md.AppendLine($"**{Escape(objective.Text)}**").AppendLine();
                foreach (var action in objective.PriorityActions)
                {
                    md.Append("#### Priority Action ").Append(action.Number).Append(": ").AppendLine(Escape(action.Text)).AppendLine();
                    md.AppendLine(Escape(action.CountryInformation)).AppendLine();
                }
            }
        }

        md.AppendLine("## EVALUATIVE SUMMARY").AppendLine();
        foreach (var pillar in report.Pillars)
        {
            md.Append("### ").AppendLine(pillar.Title.ToUpperInvariant()).AppendLine();
            foreach (var objective in pillar.Objectives)
            {
                md.Append("#### Objective ").Append(objective.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(": ").AppendLine(Escape(objective.Text)).AppendLine();
                md.AppendLine(Escape(objective.EvaluativeSummary)).AppendLine();
            }
        }
        return md.ToString();
    }

    private static string Preface(ReportModel r) =>
        "The Multilateral Evaluation Mechanism (MEM) of the Inter-American Drug Abuse Control Commission (CICAD) of the " +
        "Organization of American States (OAS) measures the progress of member states in implementing the " +
        $"{Escape(r.PlanTitle)}. In its eighth round the MEM evaluates one thematic area a year, with the support of " +
        $"independent technical consultants. This report presents the information {Escape(r.CountryName)} provided on the " +
        $"priority actions of the thematic evaluation \"{Escape(r.ThematicTitle)}\", covering the period {r.PeriodFrom} to " +
        $"{r.PeriodTo}, and the evaluative summaries of the Governmental Expert Group (GEG), approved by CICAD.";

    /// <summary>Escapes the characters that would give text Markdown structure. Paragraph breaks and
    /// simple "- " bullet lines are kept, since the NCE's answers use them.</summary>
    public static string Escape(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var escaped = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var bullet = line.StartsWith("- ", StringComparison.Ordinal) ? "- " : "";
            var body = Inline().Replace(bullet.Length > 0 ? line[2..] : line, m => "\\" + m.Value);
            body = LineStart().Replace(body, m => m.Groups[1].Value + "\\" + m.Groups[2].Value);
            if (bullet.Length == 0)
                body = NumberedList().Replace(body, m => m.Groups[1].Value + "\\" + m.Groups[2].Value);
            escaped.Append(bullet).Append(body);
            if (i < lines.Length - 1)
                escaped.Append('\n');
        }
        return escaped.ToString().Trim('\n');
    }

    [GeneratedRegex(@"[\\`*_\[\]<>|~!{}]")]
    private static partial Regex Inline();

    [GeneratedRegex(@"^(\s*)([#>+=-])")]
    private static partial Regex LineStart();

    [GeneratedRegex(@"^(\s*\d+)([.)])")]
    private static partial Regex NumberedList();
}
