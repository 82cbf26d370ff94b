using System.Diagnostics;
using System.Diagnostics.Metrics;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions;

/// <summary>The numbers a MEM Unit operator charts and alerts on, as OpenTelemetry instruments of the
/// meter <see cref="MeterName"/> (exported to Application Insights as custom metrics). Counters count
/// what this process did; the two gauges observe the latest census someone reported (the supervisor's
/// pass, <see cref="Rounds.OverdueCensus"/>), because what is open or overdue is a fact of storage, not
/// of one process.</summary>
public sealed class MemMetrics
{
    public const string MeterName = "MemWorkflow";

    private readonly Counter<long> stepFailures, emailsSent, emailsRetried, emailsFailed;
    // Replaced whole on each report, so an observation never sees half of one.
    private volatile IReadOnlyDictionary<string, int> openIncidents = new Dictionary<string, int>();
    private volatile IReadOnlyDictionary<string, int> overdue = new Dictionary<string, int>();

    public MemMetrics(IMeterFactory meters)
    {
        // The factory owns (and disposes) the meter.
        var meter = meters.Create(MeterName);
        stepFailures = meter.CreateCounter<long>("mem.workflow.step_failures", "{failure}",
            "Workflow steps (activities) that failed and will be tried again, by orchestration.");
        emailsSent = meter.CreateCounter<long>("mem.emails.sent", "{email}", "Emails the provider accepted, by kind.");
        emailsRetried = meter.CreateCounter<long>("mem.emails.retried", "{email}", "Failed delivery attempts that will be retried, by kind.");
        emailsFailed = meter.CreateCounter<long>("mem.emails.failed", "{email}", "Emails given up (permanent refusal or retry period over), by kind.");
        meter.CreateObservableGauge("mem.incidents.open", () => Observe(openIncidents, "kind"), "{incident}",
            "Open incidents, by kind, as last reported.");
        meter.CreateObservableGauge("mem.evaluations.overdue", () => Observe(overdue, "stage"), "{evaluation}",
            "Evaluations past their stage's due date, by stage, as last reported.");
    }

    public void WorkflowStepFailed(string orchestration) => stepFailures.Add(1, new KeyValuePair<string, object?>("orchestration", orchestration));

    public void EmailSent(string kind) => emailsSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EmailRetried(string kind) => emailsRetried.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EmailFailed(string kind) => emailsFailed.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Every kind that may have incidents should be reported, with 0 when none is open, so a
    /// chart drops to 0 instead of stopping at its last value.</summary>
    public void ReportOpenIncidents(IReadOnlyDictionary<string, int> byKind) => openIncidents = Copy(byKind);

    public void ReportOverdue(IReadOnlyDictionary<string, int> byStage) => overdue = Copy(byStage);

    private static Dictionary<string, int> Copy(IReadOnlyDictionary<string, int> values) => values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);

    private static IEnumerable<Measurement<int>> Observe(IReadOnlyDictionary<string, int> values, string tag) =>
        values.Select(v => new Measurement<int>(v.Value, new TagList { { tag, v.Key } }));
}
