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

    private static async Task<System.Text.Json.Nodes.JsonNode> BootstrapAsync(HttpClient memUnit) =>
        (await (await memUnit.GetAsync("/api/participants?role=memUnit")).JsonAsync(HttpStatusCode.OK)).AsArray()
        .Single(p => p!["name"].Str() == "MEM Unit (bootstrap)")!;
}
