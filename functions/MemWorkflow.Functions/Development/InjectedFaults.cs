using Azure.Data.Tables;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Development;

/// <summary>A fault armed on purpose, for the chaos suite and for trying the product's recovery by hand.</summary>
public sealed record InjectedFault(string Activity, string? MemberState, DateTimeOffset From, DateTimeOffset Until);

/// <summary>Thrown by an activity while a fault is armed for it: the workflow sees a failed step.</summary>
public sealed class InjectedFaultException(InjectedFault fault)
    : Exception($"Injected fault: {fault.Activity} fails until {fault.Until:O} (app time).");

/// <summary>Development aid beside the manual clock: makes one activity throw, for every evaluation or one
/// member state's, until a moment of app time. Kept in storage so it outlasts a killed host. With the
/// system's clock (production) nothing is read and nothing can be armed.</summary>
public sealed class InjectedFaults(StorageTables tables, TimeProvider time)
{
    private const string Partition = "fault";

    public bool Available => time is ManualClock;

    public async Task<InjectedFault> ArmAsync(string activity, string? memberState, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fault = new InjectedFault(activity, memberState, now, now + duration);
        await tables.Mailbox.UpsertEntityAsync(new TableEntity(Partition, activity)
        {
            ["MemberState"] = memberState ?? "", ["FromTicks"] = fault.From.UtcTicks, ["UntilTicks"] = fault.Until.UtcTicks,
        }, TableUpdateMode.Replace, cancellationToken);
        return fault;
    }

    /// <summary>Throws <see cref="InjectedFaultException"/> if a fault is armed for this activity and member
    /// state at the current app time.</summary>
    public async Task ThrowIfArmedAsync(string activity, string memberState, CancellationToken cancellationToken)
    {
        if (!Available)
            return;
        var row = await tables.Mailbox.GetEntityIfExistsAsync<TableEntity>(Partition, activity, cancellationToken: cancellationToken);
        if (!row.HasValue)
            return;
        var stored = row.Value!;
        var fault = new InjectedFault(activity, stored.GetString("MemberState") is { Length: > 0 } ms ? ms : null,
            new DateTimeOffset(stored.GetInt64("FromTicks") ?? 0, TimeSpan.Zero), new DateTimeOffset(stored.GetInt64("UntilTicks") ?? 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        if (now >= fault.From && now < fault.Until && (fault.MemberState is null || fault.MemberState == memberState))
            throw new InjectedFaultException(fault);
    }
}
