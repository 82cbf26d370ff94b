using MemWorkflow.Core.Publication;

namespace MemWorkflow.Core.Tests.Publication;

public sealed class ReportMarkdownSpecs
{
    [Theory]
    [InlineData("# Not a heading", "\\# Not a heading")]
    [InlineData("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>")]
    [InlineData("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))")]
    [InlineData("2019. A year", "2019\\. A year")]
    [InlineData("- a bullet stays", "- a bullet stays")]
    [InlineData("> not a quote", "\\> not a quote")]
    [InlineData("**bold**", "\\*\\*bold\\*\\*")]
    public void Escape_LeavesPeoplesTextAsText(string text, string escaped) => Assert.Equal(escaped, ReportMarkdown.Escape(text));

    [Fact]
    public void Render_HasTheTitleBlockPrefacePillarsAndOneEvaluativeSummary()
    {
        var report = new ReportModel("Institutional Strengthening", "MEX", "Mexico", 2023, 2019, 2023,
        [
            new ReportPillar("Institutional Strengthening",
            [
                new ReportObjective(1, "Establish national drug authorities.", [new ReportPriorityAction("1.1", "Place authorities high.", "CONADIC coordinates.", null)],
                    "CICAD notes with satisfaction that Mexico has a national drug authority."),
            ]),
        ], "Hemispheric Plan of Action on Drugs 2021-2025");
        var headings = ReportMarkdown.Render(report).Split('\n').Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#', ' ')).ToList();
        Assert.Equal(
        [
            "MULTILATERAL EVALUATION MECHANISM (MEM)", "MEXICO", "Evaluation Report on Drug Policies: Institutional Strengthening",
            "EIGHTH EVALUATION ROUND", "2023", "PREFACE", "INSTITUTIONAL STRENGTHENING", "OBJECTIVE 1", "Priority Action 1.1: Place authorities high.",
            "EVALUATIVE SUMMARY", "INSTITUTIONAL STRENGTHENING", "Objective 1: Establish national drug authorities.",
        ], headings);
    }

    [Fact]
    public void Render_PrefaceNamesThePlanOfActionTheRoundWasStartedUnder()
    {
        var report = new ReportModel("Governance", "MEX", "Mexico", 2027, 2023, 2027, [], "Hemispheric Plan of Action on Drugs 2026-2030");

        var markdown = ReportMarkdown.Render(report);

        Assert.Contains("in implementing the Hemispheric Plan of Action on Drugs 2026-2030. In its eighth round", markdown);
        Assert.DoesNotContain("2021-2025", markdown);
    }
}
