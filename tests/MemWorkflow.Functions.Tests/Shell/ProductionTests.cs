using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Tests.Shell;

/// <summary>Production is production, and secrets are secrets: development features refuse to start
/// there unless allowed, an unresolved Key Vault reference is never a token or key, a deactivated
/// bootstrap user stays deactivated, and tokens can be rotated.</summary>
public sealed class ProductionTests
{
    private const string Unresolved = "@Microsoft.KeyVault(VaultName=kv-mem-prod;SecretName=bootstrap-admin-token)";

    [Fact]
    public async Task InProduction_TheManualClockAndLocalMailbox_StopTheStart_UnlessAllowed()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => MemApp.StartAsync(environment: "Production"));
        Assert.Contains("manual clock and the local mailbox run only in development", refused.Message);
        Assert.Contains("Mem:AllowDevelopmentFeaturesInProduction", refused.Message);
        var mailboxOnly = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:Clock"] = "system" }, environment: "Production"));
        Assert.Contains("The local mailbox runs only", mailboxOnly.Message);

        await using var allowed = await MemApp.StartAsync(new Dictionary<string, string?> { ["Mem:AllowDevelopmentFeaturesInProduction"] = "true" }, environment: "Production");
        var health = await (await allowed.Admin().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Production", health["environment"].Str());
        Assert.Equal(["manual clock", "local mailbox"], health["developmentFeatures"]!.AsArray().Select(f => f.Str()));

        await using var production = await MemApp.StartAsync(new Dictionary<string, string?>
        {
            ["Mem:Clock"] = "system", ["Mem:Email:Mode"] = "sendgrid", ["Mem:Email:SendGridApiKey"] = "SG.test-key-not-a-secret",
        }, environment: "Production");
        var clean = await (await production.Admin().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("healthy", clean["status"].Str());
        Assert.Empty(clean["developmentFeatures"]!.AsArray());
        await (await production.Admin().PostJsonAsync("/api/dev/clock", new { advance = "P1D" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await production.Admin().PostJsonAsync("/api/dev/faults", new { activity = "AdvanceEvaluation", @for = "PT10M" })).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnresolvedKeyVaultReference_IsNeverAToken_AndTheAppSaysItIsDegraded()
    {
        await using var fake = await FakeSendGrid.StartAsync();
        await using var app = await MemApp.StartAsync(new Dictionary<string, string?>
        {
            ["Mem:BootstrapAdminToken"] = Unresolved,
            ["Mem:Email:Mode"] = "sendgrid",
            ["Mem:Email:SendGridHost"] = fake.Address.ToString(),
            ["Mem:Email:SendGridApiKey"] = "@Microsoft.KeyVault(VaultName=kv-mem-prod;SecretName=sendgrid-api-key)",
        });

        await (await app.Client(Unresolved).GetAsync("/api/participants")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(await app.RowsAsync("participants"));
        // No MEM Unit user can sign in here (the bootstrap token did not resolve): anyone sees the status, and the
        // reasons, which only the MEM Unit may read over HTTP, are read from the app.
        var health = await (await app.Client().GetAsync("/api/health")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("degraded", health["status"].Str());
        var reasons = app.Service<MemWorkflow.Functions.ConfigurationHealth>().Problems.ToList();
        Assert.Contains(reasons, r => r.StartsWith("Mem:BootstrapAdminToken is a Key Vault reference", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("Mem:Email:SendGridApiKey", StringComparison.Ordinal));
        Assert.DoesNotContain("KeyVault(", string.Concat(reasons));
    }

    [Fact]
    public async Task TheBootstrapUser_StaysDeactivated_AcrossARestart()
    {
        var first = await MemApp.StartAsync();
        var colleague = await first.RegisterAsync("memUnit", name: "Second MEM Unit user");
        Assert.Equal(HttpStatusCode.NoContent, (await first.Client(colleague.Token).DeleteAsync("/api/participants/p-memunit-bootstrap")).StatusCode);
        await (await first.Admin().GetAsync("/api/participants")).ProblemAsync(HttpStatusCode.Unauthorized);
        var same = new Dictionary<string, string?>
        {
            ["Mem:Storage:TablePrefix"] = first.TablePrefix, ["Mem:Storage:ContainerPrefix"] = first.TablePrefix,
            ["MemTaskHub"] = first.TablePrefix + "hub", ["Mem:BootstrapAdminToken"] = first.AdminToken,
        };
        var token = first.AdminToken;
        await first.DisposeAsync();

        await using var restarted = await MemApp.StartAsync(same);
        await (await restarted.Client(token).GetAsync("/api/participants")).ProblemAsync(HttpStatusCode.Unauthorized);
        var listed = (await (await restarted.Client(colleague.Token).GetAsync("/api/participants?role=memUnit")).JsonAsync(HttpStatusCode.OK)).AsArray();
        Assert.False(listed.Single(p => p!["id"].Str() == "p-memunit-bootstrap")!["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ARotatedToken_ReplacesTheOldOne_AtOnce()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");

        var rotated = await (await app.Admin().PostAsync($"/api/participants/{nce.Id}/token", null)).JsonAsync(HttpStatusCode.OK);
        var token = rotated["accessToken"].Str();
        Assert.StartsWith("mem_", token);
        await (await app.Client(nce.Token).GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(token).GetAsync("/api/me")).StatusCode);

        await (await app.Client(token).PostAsync($"/api/participants/{nce.Id}/token", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await app.Admin().PostAsync("/api/participants/p-nobody/token", null)).ProblemAsync(HttpStatusCode.NotFound);
        var bootstrap = await (await app.Admin().PostAsync("/api/participants/p-memunit-bootstrap/token", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Mem:BootstrapAdminToken", bootstrap["detail"].Str());
        Assert.Equal(HttpStatusCode.OK, (await app.Admin().GetAsync("/api/participants")).StatusCode);
    }
}
