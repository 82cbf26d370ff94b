using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Participants;

/// <summary>The MEM Unit is never notified at a placeholder: the bootstrap user's address is a setting.</summary>
public sealed class BootstrapAddressTests
{
    [Fact]
    public async Task WithoutTheSetting_TheBootstrapUserIsNeverWrittenTo_AndHealthSaysSo_WithItItsAddressIsTheSetting()
    {
        string prefix, token;
        await using (var unset = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:BootstrapAdminEmail"] = null }))
        {
            (prefix, token) = (unset.TablePrefix, unset.AdminToken);
            var bootstrap = await BootstrapAsync(unset.Admin());
            Assert.Equal("mem-unit@bootstrap.invalid", bootstrap["email"].Str());
            var health = await (await unset.Admin().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("degraded", health["status"].Str());
            Assert.Contains(health["reasons"]!.AsArray(), r => r.Str().StartsWith("Mem:BootstrapAdminEmail is missing or not an email address", StringComparison.Ordinal));

            // An overdue questionnaire escalates to the MEM Unit: to the colleague with an address, not to the placeholder.
            var colleague = await unset.RegisterAsync("memUnit", null);
            await unset.RegisterAsync("nce", "MEX");
            var roundId = await unset.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" }, schedule = new { submissionDue = MemApp.Epoch.AddDays(60) } });
            await unset.AdvanceClockAsync("P70D");
            var escalations = (await unset.MailAsync(roundId)).Where(m => m!["category"].Str() == "escalation").Select(m => m!["to"].Str()).ToList();
            Assert.Equal([colleague.Email], escalations);
            var everything = await (await unset.Admin().GetAsync("/api/dev/mail")).JsonAsync(HttpStatusCode.OK);
            Assert.DoesNotContain(everything.AsArray(), m => m!["to"].Str().EndsWith(".invalid", StringComparison.Ordinal));
            // Nor does a sign-in link go there.
            await (await unset.Client().PostJsonAsync("/api/sign-in", new { email = "mem-unit@bootstrap.invalid" })).JsonAsync(HttpStatusCode.Accepted);
            await unset.SignInLinksSentAsync();
            Assert.Empty((await (await unset.Admin().GetAsync("/api/dev/mail?roundId=sign-in")).JsonAsync(HttpStatusCode.OK)).AsArray());
        }

        // Set on the next start (a deploy with the setting): the same user, now at that address, found by it.
        await using var set = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:BootstrapAdminEmail"] = "mem-alerts@oas.test", ["Mem:BootstrapAdminToken"] = token },
            tablePrefix: prefix);
        Assert.Equal("mem-alerts@oas.test", (await BootstrapAsync(set.Client(token)))["email"].Str());
        Assert.Equal("healthy", (await (await set.Client(token).GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK))["status"].Str());
        await (await set.Client().PostJsonAsync("/api/sign-in", new { email = "mem-alerts@oas.test" })).JsonAsync(HttpStatusCode.Accepted);
        await set.SignInLinksSentAsync();
        Assert.Single((await (await set.Client(token).GetAsync("/api/dev/mail?roundId=sign-in&to=mem-alerts%40oas.test")).JsonAsync(HttpStatusCode.OK)).AsArray());
    }

    /// <summary>Every start of every instance makes sure of the bootstrap user; with the settings unchanged it writes
    /// nothing (it rewrote its four rows, the MEM Unit's roster among them, at each start).</summary>
    [Fact]
    public async Task ARestartWithTheSameSettings_WritesNoneOfTheBootstrapUsersRows_AndANewTokenMovesOnlyWhatChanged()
    {
        string prefix, token;
        IReadOnlyDictionary<string, string> before;
        await using (var first = await MemApp.StartAsync())
        {
            (prefix, token) = (first.TablePrefix, first.AdminToken);
            before = await VersionsAsync(first);
        }
        Assert.Contains("roster|memUnit", before.Keys);
        Assert.Contains(before.Keys, k => k.StartsWith("token|", StringComparison.Ordinal));

        await using (var again = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:BootstrapAdminToken"] = token }, tablePrefix: prefix))
            Assert.Equal(before, await VersionsAsync(again));

        // A new token: the old one's row goes, the user and its token row move, the roster (same people) does not.
        var rotated = token + "-rotated";
        await using var third = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:BootstrapAdminToken"] = rotated }, tablePrefix: prefix);
        var after = await VersionsAsync(third);
        Assert.Equal(before["roster|memUnit"], after["roster|memUnit"]);
        Assert.NotEqual(before["participant|p-memunit-bootstrap"], after["participant|p-memunit-bootstrap"]);
        Assert.DoesNotContain(before.Keys, k => k.StartsWith("token|", StringComparison.Ordinal) && after.ContainsKey(k));
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.Client(token).GetAsync("/api/participants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.Client(rotated).GetAsync("/api/participants")).StatusCode);
    }

    /// <summary>The ETag of each of the bootstrap user's rows and of the MEM Unit's roster.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> VersionsAsync(MemApp app) =>
        (await app.RowsAsync("participants"))
            .Where(r => r.RowKey is "participant|p-memunit-bootstrap" or "roster|memUnit" || r.GetString("ParticipantId") == "p-memunit-bootstrap")
            .ToDictionary(r => r.RowKey, r => r.ETag.ToString());

    private static async Task<System.Text.Json.Nodes.JsonNode> BootstrapAsync(HttpClient memUnit) =>
        (await (await memUnit.GetAsync("/api/participants?role=memUnit")).JsonAsync(HttpStatusCode.OK)).AsArray()
        .Single(p => p!["name"].Str() == "MEM Unit (bootstrap)")!;
}
