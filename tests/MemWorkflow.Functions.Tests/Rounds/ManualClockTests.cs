using System.Security.Cryptography;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Rounds;

public sealed class ManualClockTests
{
    /// <summary>A restart (or a crash) must not take the manual clock back to its configured start: events
    /// would be dated before the ones already stored, and every deadline re-planned from the past.</summary>
    [Fact]
    public async Task TheManualClock_AfterTheAppRestartsOnTheSameStorage_ResumesWhereItWas()
    {
        var prefix = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var sameStorage = new Dictionary<string, string?>
        {
            ["Mem:Storage:TablePrefix"] = prefix,
            ["Mem:Storage:ContainerPrefix"] = prefix,
            ["MemTaskHub"] = prefix + "hub",
        };
        await using (var first = await MemApp.StartAsync(sameStorage))
        {
            await first.AdvanceClockAsync("P10D");
            var moved = await first.AdvanceClockAsync("PT90M");
            Assert.Equal(MemApp.Epoch.AddDays(10).AddMinutes(90), moved["now"]!.GetValue<DateTimeOffset>());
        }

        await using var second = await MemApp.StartAsync(sameStorage);
        var now = (await second.AdvanceClockAsync("PT0S"))["now"]!.GetValue<DateTimeOffset>();
        Assert.Equal(MemApp.Epoch.AddDays(10).AddMinutes(90), now);

        // Other storage: the configured start, as before.
        await using var elsewhere = await MemApp.StartAsync();
        Assert.Equal(MemApp.Epoch, (await elsewhere.AdvanceClockAsync("PT0S"))["now"]!.GetValue<DateTimeOffset>());
    }
}
