using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Development;

/// <summary>A clock that moves only when told (<c>Mem:Clock=manual</c>), for demos and end-to-end
/// tests of deadlines that are weeks away.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public DateTimeOffset Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        return new DateTimeOffset(Interlocked.Add(ref ticks, by.Ticks), TimeSpan.Zero);
    }
}
