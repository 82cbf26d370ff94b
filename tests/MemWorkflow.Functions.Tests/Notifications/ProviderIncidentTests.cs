using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Notifications;

/// <summary>Email is never silently lost: a provider that refuses every message (a rotated key's 401, a
/// key that is missing) is an incident like an outage, retried until it works, shown in /api/health and
/// /api/incidents, and told to each MEM Unit user once.</summary>
public sealed class ProviderIncidentTests
{
    private static Dictionary<string, string?> SendGrid(FakeSendGrid fake, string? key = "test-key-not-a-secret") => new()
    {
        ["Mem:Email:Mode"] = "sendgrid",
        ["Mem:Email:SendGridHost"] = fake.Address.ToString(),
        ["Mem:Email:SendGridApiKey"] = key,
        ["Mem:Email:BaseDelay"] = "00:00:10",
        ["Mem:Email:Timeout"] = "00:00:10",
    };

    private static Task<JsonNode> HealthAsync(MemApp app) => HealthAsync(app.Admin());

    /// <summary>The health details are the MEM Unit's to read.</summary>
    private static async Task<JsonNode> HealthAsync(HttpClient memUnit) => await (await memUnit.GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);

    private static IEnumerable<string> Reasons(JsonNode health) => health["reasons"]!.AsArray().Select(r => r.Str());

    /// <summary>The alerts in the local mailbox, read through the app's own tables (a restarted app's prefix is the configured one).</summary>
    private static async Task<List<Alert>> AlertsAsync(MemApp app)
    {
        var alerts = new List<Alert>();
        await foreach (var row in app.Service<StorageTables>().Mailbox.QueryAsync<TableEntity>("PartitionKey eq 'mail' and Category eq 'deliveryAlert'"))
            alerts.Add(new Alert(row.GetString("To"), StateChunks.Read(row, "Text")));
        return alerts;
    }

    private sealed record Alert(string To, string Text);

    [Fact]
    public async Task ARotatedKey_RefusedWith401ForTwoHours_IsAnIncident_AlertsEachMemUnitUserOnce_AndEveryMessageIsDeliveredOnceTheKeyWorks()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        var refusing = true;
        fake.Behaviour = (_, _) => Volatile.Read(ref refusing) ? new FakeAnswer(401) : FakeAnswer.Accepted;
        await using var app = await MemApp.StartAsync(SendGrid(fake));
        var colleague = await app.RegisterAsync("memUnit", name: "Second MEM Unit user");
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez");
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });

        for (var minutes = 10; minutes <= 120; minutes += 10)
        {
            await app.AdvanceClockAsync("PT10M");
            var health = await HealthAsync(app);
            Assert.Equal(minutes >= 60 ? "degraded" : "healthy", health["status"].Str());
        }
        var reason = Assert.Single(Reasons(await HealthAsync(app)));
        Assert.StartsWith("email delivery: failing since 2027-01-04T09:00:00.0000000+00:00 (SendGrid answered 401", reason);
        var incident = Assert.Single((await (await app.Admin().GetAsync("/api/incidents")).JsonAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.Equal("delivery", incident["kind"].Str());
        Assert.Equal("email delivery", incident["subject"].Str());
        Assert.Contains("401", incident["lastError"].Str());
        await (await app.Client(nce.Token).GetAsync("/api/incidents")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Client().GetAsync("/api/incidents")).ProblemAsync(HttpStatusCode.Unauthorized);

        // Nothing failed for good: the questionnaire waits, retried, and the MEM Unit was told once each.
        var waiting = Assert.Single((await (await app.Admin().GetAsync($"/api/rounds/{roundId}/outbox")).JsonAsync(HttpStatusCode.OK)).AsArray())!;
        Assert.Equal("questionnaireIssued", waiting["kind"].Str());
        Assert.Equal("pending", waiting["status"].Str());
        Assert.True(waiting["attempts"]!.GetValue<int>() > 3, waiting.ToJsonString());
        var alerts = await AlertsAsync(app);
        Assert.Equal(["mem-unit@localhost.test", colleague.Email], alerts.Select(a => a.To).Order(StringComparer.Ordinal).ToArray());
        Assert.All(alerts, a => Assert.Contains(nce.Email, a.Text));
        Assert.Empty(fake.Delivered);

        Volatile.Write(ref refusing, false);
        await app.AdvanceClockAsync("PT1H");
        Assert.Empty((await (await app.Admin().GetAsync($"/api/rounds/{roundId}/outbox")).JsonAsync(HttpStatusCode.OK)).AsArray());
        var delivered = Assert.Single(fake.Delivered);
        Assert.Equal(nce.Email, delivered["personalizations"]![0]!["to"]![0]!["email"].Str());
        Assert.Equal("questionnaireIssued", delivered["personalizations"]![0]!["custom_args"]!["kind"].Str());
        Assert.Equal("healthy", (await HealthAsync(app))["status"].Str());
        Assert.Empty((await (await app.Admin().GetAsync("/api/incidents")).JsonAsync(HttpStatusCode.OK)).AsArray());
        Assert.Equal(2, (await AlertsAsync(app)).Count);
    }

    [Fact]
    public async Task AKeyThatDidNotResolve_IsAnIncident_AlertsEachMemUnitUserOnce_AndTheMessageIsDeliveredAfterARestartWithTheKey()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        var prefix = "e" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var token = "email-memunit-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Dictionary<string, string?> Settings(string key) => new(SendGrid(fake, key))
        {
            ["Mem:Storage:TablePrefix"] = prefix, ["Mem:Storage:ContainerPrefix"] = prefix, ["MemTaskHub"] = prefix + "hub", ["Mem:BootstrapAdminToken"] = token,
        };
        string roundId;
        Registered nce;
        await using (var first = await MemApp.StartAsync(Settings("@Microsoft.KeyVault(SecretUri=https://mem-kv.vault.azure.net/secrets/sendgrid-api-key)")))
        {
            var admin = first.Client(token);
            nce = await RegisterAsync(admin, "nce", "MEX");
            var colleague = await RegisterAsync(admin, "memUnit", null);
            roundId = (await (await admin.PostJsonAsync("/api/rounds", new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } })).JsonAsync(HttpStatusCode.Created))["roundId"].Str();
            await admin.SettleAsync(roundId);
            for (var i = 0; i < 7; i++)
                await AdvanceAsync(admin, "PT10M");

            var health = await HealthAsync(admin);
            Assert.Equal("degraded", health["status"].Str());
            Assert.Contains(Reasons(health), r => r.StartsWith("email delivery: failing since 2027-01-04T09:00:00.0000000+00:00 (The SendGrid API key is not configured", StringComparison.Ordinal));
            Assert.Contains(Reasons(health), r => r.StartsWith("Mem:Email:SendGridApiKey is missing", StringComparison.Ordinal));
            var waiting = Assert.Single((await (await admin.GetAsync($"/api/rounds/{roundId}/outbox")).JsonAsync(HttpStatusCode.OK)).AsArray())!;
            Assert.Equal("pending", waiting["status"].Str());
            Assert.Equal(["mem-unit@localhost.test", colleague.Email], (await AlertsAsync(first)).Select(a => a.To).Order(StringComparer.Ordinal).ToArray());
            // An unresolved reference is never sent to the provider as a key.
            Assert.Empty(fake.Requests);
        }

        await using var second = await MemApp.StartAsync(Settings("test-key-not-a-secret"));
        var again = second.Client(token);
        await AdvanceAsync(again, "PT1H");
        Assert.Empty((await (await again.GetAsync($"/api/rounds/{roundId}/outbox")).JsonAsync(HttpStatusCode.OK)).AsArray());
        Assert.Equal(nce.Email, Assert.Single(fake.Delivered)["personalizations"]![0]!["to"]![0]!["email"].Str());
        Assert.Equal("Bearer test-key-not-a-secret", Assert.Single(fake.Delivered)["authorization"].Str());
        Assert.Equal("healthy", (await HealthAsync(again))["status"].Str());
        Assert.Equal(2, (await AlertsAsync(second)).Count);
    }

    private static async Task<Registered> RegisterAsync(HttpClient admin, string role, string? memberState)
    {
        var email = $"{role}.{Guid.NewGuid():N}@example.org";
        var body = await (await admin.PostJsonAsync("/api/participants", new { role, name = $"{role} {memberState}", email, memberState, languages = new[] { "en" } }))
            .JsonAsync(HttpStatusCode.Created);
        return new Registered(body["id"].Str(), body["accessToken"].Str(), email, memberState);
    }

    private static async Task AdvanceAsync(HttpClient admin, string duration)
    {
        var moved = await (await admin.PostJsonAsync("/api/dev/clock", new { advance = duration })).JsonAsync(HttpStatusCode.OK);
        Assert.True(moved["settled"]!.GetValue<bool>(), moved.ToJsonString());
    }
}
