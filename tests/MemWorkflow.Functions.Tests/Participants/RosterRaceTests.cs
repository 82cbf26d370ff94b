using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Participants;

/// <summary>The participant caps and "not the last MEM Unit user" are decided with the change, atomically: many
/// requests at the same moment cannot all pass a check that allows some of them.</summary>
public sealed class RosterRaceTests
{
    [Fact]
    public async Task RegistrationsAtOnce_NeverPassTheCap_AndDeactivationsAtOnce_NeverLeaveNoMemUnitUser()
    {
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:Limits:MaxNceUsersPerState"] = "3", ["Mem:Limits:MaxMemUnitUsers"] = "3" });
        var nce = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => app.Admin().PostJsonAsync("/api/participants",
            new { role = "nce", name = $"NCE {i}", email = $"nce{i}@sre.gob.mx", memberState = "MEX", languages = new[] { "es" } })));
        Assert.Equal(3, nce.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(nce.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(3, await ActiveAsync(app, "nce"));

        // The bootstrap user and two more: three, the cap; then all three deactivated at once: one stays.
        var memUnit = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => app.Admin().PostJsonAsync("/api/participants",
            new { role = "memUnit", name = $"MEM Unit {i}", email = $"mem{i}@oas.test", languages = new[] { "en" } })));
        Assert.Equal(2, memUnit.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, await ActiveAsync(app, "memUnit"));
        var created = await Task.WhenAll(memUnit.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.JsonAsync(HttpStatusCode.Created)));
        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"/api/participants/{created[0]["id"].Str()}")).StatusCode);

        // Two MEM Unit users left, each deactivating the other at the same moment: one of them stays.
        var other = created[1];
        var crossed = await Task.WhenAll(
            app.Admin().DeleteAsync($"/api/participants/{other["id"].Str()}"),
            app.Client(other["accessToken"].Str()).DeleteAsync("/api/participants/p-memunit-bootstrap"));
        Assert.Equal(1, await ActiveAsync(app, "memUnit"));
        Assert.Equal(1, crossed.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        Assert.All(crossed, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Conflict, HttpStatusCode.Unauthorized }));
    }

    private static async Task<int> ActiveAsync(MemApp app, string role) =>
        (await app.RowsAsync("participants", "RowKey ge 'participant|' and RowKey lt 'participant}'"))
        .Count(r => r.GetString("Role") == (role == "nce" ? "Nce" : "MemUnit") && r.GetBoolean("Active") == true);
}
