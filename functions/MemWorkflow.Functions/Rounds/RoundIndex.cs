using Azure.Data.Tables;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Rounds;

/// <summary>Index rows, so that finding rounds and published reports reads one partition of the index
/// table (<see cref="Partition"/>) instead of scanning every round's partition. Row keys start with the inverted
/// time, newest first. An index row is written before what it points to (a round) or after it (a
/// report, from the publication and again by the evaluation's workflow), with upserts: a row
/// whose round does not exist, or started at another moment, is a start that failed and is skipped.</summary>
public sealed class RoundIndex(StorageTables tables, EventStore store, ILogger<RoundIndex> logger)
{
    /// <summary>Round ids are <c>r{year}-{hex}</c> (<see cref="RoundsFunctions.IsRoundId"/>): never this.</summary>
    public const string Partition = "~index";
    public const string RoundPrefix = "round|";
    public const string ReportPrefix = "report|";
    private const string MigratedRow = "migrated|v1";

    public static string RoundRow(DateTimeOffset startedAt, string roundId) => $"{RoundPrefix}{Inverted(startedAt)}|{roundId}";

    public static string ReportRow(DateTimeOffset publishedAt, string roundId, string memberState) =>
        $"{ReportPrefix}{Inverted(publishedAt)}|{roundId}|{memberState}";

    private static string Inverted(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    public Task AddRoundAsync(string roundId, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        tables.Index.UpsertEntityAsync(new TableEntity(Partition, RoundRow(startedAt, roundId)) { ["RoundId"] = roundId, ["StartedAt"] = startedAt },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>Records a published report for the public list, with what the list shows of it.</summary>
    public Task AddReportAsync(RoundState round, EvaluationState evaluation, CancellationToken cancellationToken)
    {
        var report = evaluation.Report!;
        var thematic = PlanCatalogues.Known.ThematicEvaluationOf(round.Settings);
        return tables.Index.UpsertEntityAsync(new TableEntity(Partition, ReportRow(report.PublishedAt, round.RoundId, evaluation.MemberState))
        {
            ["RoundId"] = round.RoundId,
            ["MemberState"] = evaluation.MemberState,
            ["PublishedAt"] = report.PublishedAt,
            ["Sha256"] = report.Sha256,
            ["ThematicEvaluation"] = thematic.Id,
            ["Title"] = thematic.TitleInReports,
            ["Year"] = thematic.Year,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>A page of rounds, newest first. Each is read by its key; rounds are few per page.</summary>
    public async Task<Page<RoundState>> RoundsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var rows = await page.ReadAsync(tables.Index, Partition, RoundPrefix, cancellationToken);
        var rounds = await Task.WhenAll(rows.Items.Select(async row =>
        {
            var round = (await store.LoadAsync(row.GetString("RoundId"), RowKeys.RoundStream, RoundStreams.Round, cancellationToken)).State;
            return round is not null && RoundRow(round.StartedAt, round.RoundId) == row.RowKey ? round : null;
        }));
        return new Page<RoundState>(rounds.OfType<RoundState>().ToList(), rows.Next);
    }

    /// <summary>Every round, newest first, page by page (the workflow clock and the assignment checks need
    /// them all; there is about one a year).</summary>
    public async Task<IReadOnlyList<RoundState>> AllRoundsAsync(CancellationToken cancellationToken)
    {
        var all = new List<RoundState>();
        for (var page = new PageRequest(null, PageRequest.MaxSize); ;)
        {
            var rounds = await RoundsAsync(page, cancellationToken);
            all.AddRange(rounds.Items);
            if (rounds.Next is null)
                return all;
            page = PageRequest.Parse(rounds.Next, null, RoundPrefix).Request! with { Size = PageRequest.MaxSize };
        }
    }

    public async Task<Page<TableEntity>> ReportsAsync(PageRequest page, CancellationToken cancellationToken) =>
        await page.ReadAsync(tables.Index, Partition, ReportPrefix, cancellationToken);

    /// <summary>Rounds stored before the index existed get their rows once: the only scan of the table,
    /// at start-up, remembered by a marker row so that it runs once per storage account.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if ((await tables.Index.GetEntityIfExistsAsync<TableEntity>(Partition, MigratedRow, cancellationToken: cancellationToken)).HasValue)
            return;
        var count = 0;
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>($"RowKey eq {OData.Quote(RowKeys.State(RowKeys.RoundStream))}", cancellationToken: cancellationToken))
        {
            var round = StoredJson.Deserialize<RoundState>(StateChunks.Read(row));
            await AddRoundAsync(round.RoundId, round.StartedAt, cancellationToken);
            var filter = $"PartitionKey eq {OData.Quote(round.RoundId)} and {RowKeys.StartsWith(RowKeys.StatePrefix)}";
            await foreach (var state in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                if (state.GetString("Stream") != RowKeys.RoundStream && StoredJson.Deserialize<EvaluationState>(StateChunks.Read(state)) is { Report: not null } evaluation)
                    await AddReportAsync(round, evaluation, cancellationToken);
            count++;
        }
        await tables.Index.UpsertEntityAsync(new TableEntity(Partition, MigratedRow) { ["Rounds"] = count }, TableUpdateMode.Replace, cancellationToken);
        if (count > 0)
            logger.LogInformation("Indexed {Rounds} rounds stored before the round index existed", count);
    }
}
