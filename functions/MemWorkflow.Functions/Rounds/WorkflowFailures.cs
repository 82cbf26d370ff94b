using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Rounds;

/// <summary>One workflow's run of failed steps as recorded: since when (app time), how many, the last error.</summary>
public sealed record StepFailureRecord(string Stream, DateTimeOffset FailingSince, int Failures, string? LastError, DateTimeOffset LastFailedAt);

/// <summary>Records the steps of a workflow that keep failing, one row per workflow in the mailbox table's
/// <c>stepfailure|{roundId}</c> partition (what the round's workflow view reads), and opens an incident
/// once they have failed for <see cref="WorkflowOptions.AlertAfter"/>: the MEM Unit is then alerted once,
/// straight through the email sender and the local mailbox (the failing step may be the one that
/// delivers the outbox). The first step that succeeds closes it.</summary>
public sealed class WorkflowFailures(
    StorageTables tables,
    IncidentStore incidents,
    MemMetrics metrics,
    ParticipantDirectory participants,
    IEmailSender sender,
    LocalMailboxSender localMailbox,
    TimeProvider clock,
    IOptions<WorkflowOptions> options,
    IOptions<MemOptions> mem,
    ILogger<WorkflowFailures> logger)
{
    public const string IncidentKind = "workflow";

    public static string Partition(string roundId) => $"stepfailure|{roundId}";

    public static string IncidentKey(string roundId, string stream) => $"workflow|{roundId}|{stream}";

    public async Task RecordAsync(StepFailure failure, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var existing = await tables.Mailbox.GetEntityIfExistsAsync<TableEntity>(Partition(failure.RoundId), failure.Stream, cancellationToken: cancellationToken);
        var since = existing.HasValue ? existing.Value!.GetDateTimeOffset("FailingSince") ?? now : now;
        await tables.Mailbox.UpsertEntityAsync(new TableEntity(Partition(failure.RoundId), failure.Stream)
        {
            ["FailingSince"] = since,
            ["Failures"] = failure.Failures,
            ["LastError"] = Clip(failure.Error),
            ["LastFailedAt"] = now,
        }, TableUpdateMode.Replace, cancellationToken);
        metrics.WorkflowStepFailed(failure.Stream == Workflow.RoundStream ? RoundOrchestrator.Name : EvaluationOrchestrator.Name);
        logger.LogWarning("Workflow step of {RoundId} {Stream} failed ({Failures} in a row since {FailingSince}): {Error}",
            failure.RoundId, failure.Stream, failure.Failures, since, failure.Error);
        if (now - since < options.Value.AlertAfter)
            return;
        var subject = failure.Stream == Workflow.RoundStream
            ? $"The workflow of round {failure.RoundId} keeps failing"
            : $"The workflow of {failure.Stream} in round {failure.RoundId} keeps failing";
        if (await incidents.OpenAsync(IncidentKey(failure.RoundId, failure.Stream), IncidentKind, subject, since, failure.Error, cancellationToken))
            await AlertAsync(failure, since, cancellationToken);
    }

    public async Task RecoveredAsync(string roundId, string stream, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Mailbox.DeleteEntityAsync(Partition(roundId), stream, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
        if (await incidents.CloseAsync(IncidentKey(roundId, stream), cancellationToken))
            logger.LogInformation("Workflow of {RoundId} {Stream} works again", roundId, stream);
    }

    /// <summary>The round's workflows whose steps are failing now, by stream (member state or "round").</summary>
    public async Task<IReadOnlyDictionary<string, StepFailureRecord>> ForRoundAsync(string roundId, CancellationToken cancellationToken)
    {
        var failing = new Dictionary<string, StepFailureRecord>(StringComparer.Ordinal);
        await foreach (var row in tables.Mailbox.QueryAsync<TableEntity>($"PartitionKey eq {OData.Quote(Partition(roundId))}", cancellationToken: cancellationToken))
            failing[row.RowKey] = new StepFailureRecord(row.RowKey, row.GetDateTimeOffset("FailingSince")!.Value, row.GetInt32("Failures") ?? 0,
                row.GetString("LastError"), row.GetDateTimeOffset("LastFailedAt")!.Value);
        return failing;
    }

    /// <summary>The round's streams with a failure or an incident on record: the only ones a workflow started
    /// again has anything to recover from (two queries for the round, rather than two deletes per start).</summary>
    public async Task<IReadOnlySet<string>> RecordedStreamsAsync(string roundId, CancellationToken cancellationToken)
    {
        var failing = await ForRoundAsync(roundId, cancellationToken);
        var prefix = IncidentKey(roundId, "");
        var incidentStreams = (await incidents.ListOpenAsync(cancellationToken))
            .Where(i => i.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(i => i.Key[prefix.Length..]);
        return failing.Keys.Concat(incidentStreams).ToHashSet(StringComparer.Ordinal);
    }

    private async Task AlertAsync(StepFailure failure, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var memUnit = (await participants.ActiveAsync(cancellationToken)).MemUnit();
        var stream = failure.Stream == Workflow.RoundStream ? null : failure.Stream;
        foreach (var to in memUnit)
        {
            var alert = WorkflowAlertEmail.For(to, failure.RoundId, stream, since, failure.Failures, failure.Error, mem.Value.PortalBaseUrl);
            var outgoing = new OutgoingEmail($"workflow-alert|{failure.Stream}|{since.UtcTicks}|{to.ParticipantId}", failure.RoundId, stream ?? "", alert.Kind,
                to.Email, to.Name, to.Language, alert.Subject, alert.Text, alert.Html);
            SendResult result;
            try
            {
                result = await sender.SendAsync(outgoing, cancellationToken);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or TimeoutException)
            {
                result = new SendResult(false, null, e.Message);
            }
            if (!result.Delivered)
                await localMailbox.SendAsync(outgoing, cancellationToken);
        }
        logger.LogError("Workflow of {RoundId} {Stream} has been failing since {FailingSince}; {Alerts} MEM Unit users alerted",
            failure.RoundId, failure.Stream, since, memUnit.Count);
    }

    private static string Clip(string text) => text.Length > 4_000 ? text[..4_000] + "…" : text;
}
