using Azure;
using Azure.Data.Tables;
using MemWorkflow.Contracts.Notifications;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Notifications;

/// <summary>Open incidents, one row each in the mailbox table's <c>incident</c> partition: opening one
/// that is open already does nothing (so its alert goes out once), closing removes it. Listing is one
/// partition read, cheap enough for every health probe.</summary>
public sealed class IncidentStore(StorageTables tables, TimeProvider clock, MemMetrics metrics, ILogger<IncidentStore> logger)
{
    public const string Partition = "incident";

    /// <summary>The kinds of incident, each reported to the metrics (0 when none is open) so an alert on
    /// the gauge resolves when the last one closes.</summary>
    public static readonly string[] Kinds = ["delivery", "workflow"];

    /// <summary>Opens the incident; true when it was not open (the caller alerts), false when it was.</summary>
    public async Task<bool> OpenAsync(string key, string kind, string subject, DateTimeOffset failingSince, string? lastError, CancellationToken cancellationToken = default)
    {
        try
        {
            await tables.Mailbox.AddEntityAsync(new TableEntity(Partition, RowKey(key))
            {
                ["Key"] = key,
                ["Kind"] = kind,
                ["Subject"] = Clip(subject),
                ["FailingSince"] = failingSince,
                ["OpenedAt"] = clock.GetUtcNow(),
                ["LastError"] = lastError is null ? null : Clip(lastError),
            }, cancellationToken);
            logger.LogError("Incident {IncidentKey} opened: {Subject}, failing since {FailingSince}: {Error}", key, subject, failingSince, lastError);
            await ReportAsync(cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Closes the incident; true when it was open.</summary>
    public async Task<bool> CloseAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await tables.Mailbox.DeleteEntityAsync(Partition, RowKey(key), cancellationToken: cancellationToken);
            logger.LogInformation("Incident {IncidentKey} closed", key);
            await ReportAsync(cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Incident>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var open = new List<Incident>();
        await foreach (var row in tables.Mailbox.QueryAsync<TableEntity>($"PartitionKey eq {OData.Quote(Partition)}", cancellationToken: cancellationToken))
            open.Add(new Incident(row.GetString("Key"), row.GetString("Kind"), row.GetString("Subject"),
                row.GetDateTimeOffset("FailingSince") ?? row.GetDateTimeOffset("OpenedAt")!.Value, row.GetDateTimeOffset("OpenedAt")!.Value, row.GetString("LastError")));
        return open.OrderBy(i => i.OpenedAt).ToList();
    }

    /// <summary>Reports the open incidents by kind to <c>mem.incidents.open</c>, what the Azure alert watches.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken = default)
    {
        var open = await ListOpenAsync(cancellationToken);
        metrics.ReportOpenIncidents(Kinds.Union(open.Select(i => i.Kind)).ToDictionary(k => k, k => open.Count(i => i.Kind == k), StringComparer.Ordinal));
    }

    // Keys name rounds and member states; anything Azure refuses in a row key is replaced.
    private static string RowKey(string key) => string.Concat(key.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));

    private static string Clip(string text) => text.Length > 4_000 ? text[..4_000] + "…" : text;
}
