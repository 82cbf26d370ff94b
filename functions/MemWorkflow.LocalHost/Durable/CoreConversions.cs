using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DtCore = DurableTask.Core;

namespace MemWorkflow.LocalHost.Durable;

// The two enums share member names; going through the name avoids tying us to their numeric values.
static class CoreConversions
{
    public static readonly DtCore.OrchestrationStatus[] LiveStatuses =
    [
        DtCore.OrchestrationStatus.Pending,
        DtCore.OrchestrationStatus.Running,
        DtCore.OrchestrationStatus.Suspended,
        DtCore.OrchestrationStatus.ContinuedAsNew,
    ];

    public static readonly DtCore.OrchestrationStatus[] TerminalStatuses =
    [
        DtCore.OrchestrationStatus.Completed,
        DtCore.OrchestrationStatus.Failed,
        DtCore.OrchestrationStatus.Terminated,
        DtCore.OrchestrationStatus.Canceled,
    ];

    public static OrchestrationRuntimeStatus ToClient(this DtCore.OrchestrationStatus status)
        => Enum.Parse<OrchestrationRuntimeStatus>(status.ToString());

    public static DtCore.OrchestrationStatus ToCore(this OrchestrationRuntimeStatus status)
        => Enum.Parse<DtCore.OrchestrationStatus>(status.ToString());

    public static bool IsTerminal(this OrchestrationRuntimeStatus status)
        => TerminalStatuses.Contains(status.ToCore());

    public static DtCore.OrchestrationStatus ParseStatus(string status)
        => Enum.TryParse(status, ignoreCase: true, out OrchestrationRuntimeStatus parsed)
            ? parsed.ToCore()
            : throw new ArgumentException($"'{status}' is not an orchestration runtime status.", nameof(status));

    public static TaskFailureDetails? ToClient(this DtCore.FailureDetails? details)
        => details is null
            ? null
            : new TaskFailureDetails(
                details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure.ToClient(), details.Properties);

    public static OrchestrationMetadata ToMetadata(
        this DtCore.OrchestrationState state, bool withInputsAndOutputs, DataConverter converter)
    {
        return new OrchestrationMetadata(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = withInputsAndOutputs ? converter : null,
            RuntimeStatus = state.OrchestrationStatus.ToClient(),
            CreatedAt = AsUtc(state.CreatedTime),
            LastUpdatedAt = AsUtc(state.LastUpdatedTime),
            SerializedInput = withInputsAndOutputs ? state.Input : null,
            SerializedOutput = withInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = state.FailureDetails.ToClient() ?? FailureFromOutput(state),
            Tags = new Dictionary<string, string>(state.Tags ?? new Dictionary<string, string>()),
        };
    }

    // The Azure Storage instance table keeps no FailureDetails column: a failed instance's output holds
    // "ErrorType: ErrorMessage" instead, so that is all that can be given back (no stack, no inner failure).
    static TaskFailureDetails? FailureFromOutput(DtCore.OrchestrationState state)
    {
        if (state.OrchestrationStatus != DtCore.OrchestrationStatus.Failed || string.IsNullOrEmpty(state.Output))
        {
            return null;
        }

        string output = state.Output;
        int colon = output.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !output.AsSpan(0, colon).ContainsAny(" \t\n\"{")
            ? new TaskFailureDetails(output[..colon], output[(colon + 2)..], null, null, null)
            : new TaskFailureDetails("(unknown)", output, null, null, null);
    }

    // The tracking store stores UTC but does not always mark the kind; an unmarked time is UTC, not local.
    static DateTimeOffset AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(time.ToUniversalTime()),
        _ => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
    };
}
