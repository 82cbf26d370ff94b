using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Markdig;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Publication;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Questionnaires;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Publication;

/// <summary>Renders a country's report from its frozen answers and final summaries, and stores it once
/// in the <c>published</c> container as Markdown and HTML.</summary>
public sealed class ReportPublisher(AnswerStore answers, DraftStore drafts, StorageBlobs blobs)
{
    // Raw HTML in the Markdown is shown as text, never passed through: nobody's answer becomes markup.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public async Task<ReportModel> ModelAsync(RoundState round, EvaluationState evaluation, CancellationToken cancellationToken)
    {
        var catalogue = PlanCatalogues.Known.For(round.Settings);
        var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
        var answered = await answers.ReadAllAsync(round.RoundId, evaluation.MemberState, cancellationToken);
        var summaries = await drafts.ReadAllAsync(round.RoundId, evaluation.MemberState, cancellationToken);
        var entries = evaluation.PriorityActionIds.Select(id => catalogue.FindPriorityAction(id)!).ToList();
        var pillars = entries.GroupBy(e => e.Pillar.Id).Select(p => new ReportPillar(p.First().Pillar.Title, p.GroupBy(e => e.Objective.Id).Select(o =>
        {
            var draft = summaries.GetValueOrDefault(o.Key);
            return new ReportObjective(o.First().Objective.Number, o.First().Objective.Text,
                o.Select(e => new ReportPriorityAction(e.Action.Number, e.Action.Text, answered.GetValueOrDefault(e.Action.Id)?.Text ?? "",
                    draft?.Assessments.GetValueOrDefault(e.Action.Id))).ToList(),
                draft?.Summary ?? "");
        }).ToList())).ToList();
        return new ReportModel(thematic.TitleInReports, evaluation.MemberState, MemberStates.NameOf(evaluation.MemberState), thematic.Year,
            round.Settings.EvaluationPeriod.From, round.Settings.EvaluationPeriod.To, pillars, catalogue.Plan.Title);
    }

    public static string Html(ReportModel model, string markdown) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{System.Net.WebUtility.HtmlEncode($"{model.CountryName}: Evaluation Report on Drug Policies, {model.Year}")}}</title>
        <style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5}h1,h2,h3,h4{font-family:Arial,sans-serif}</style>
        </head>
        <body>
        {{Markdown.ToHtml(markdown, Pipeline)}}
        </body>
        </html>
        """;

    /// <summary>Writes both files once. A retry after a crash finds them written and reuses them, so
    /// a publication repeated or resumed yields the same report.</summary>
    public async Task<PublishedReport> PublishAsync(string roundId, string memberState, ReportModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var markdown = ReportMarkdown.Render(model);
        var (mdName, htmlName) = ($"{roundId}/{memberState}.md", $"{roundId}/{memberState}.html");
        var md = await WriteOnceAsync(mdName, markdown, "text/markdown; charset=utf-8", cancellationToken);
        var html = await WriteOnceAsync(htmlName, Html(model, md), "text/html; charset=utf-8", cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html)));
        return new PublishedReport(mdName, htmlName, sha, Encoding.UTF8.GetByteCount(html), Encoding.UTF8.GetByteCount(md), now);
    }

    public async Task<string> ReadAsync(string blobName, CancellationToken cancellationToken) =>
        (await blobs.Published.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content.ToString();

    private async Task<string> WriteOnceAsync(string name, string content, string contentType, CancellationToken cancellationToken)
    {
        var blob = blobs.Published.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(BinaryData.FromString(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            }, cancellationToken);
            return content;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        }
    }
}
