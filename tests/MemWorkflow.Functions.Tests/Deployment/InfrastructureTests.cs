using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>infra/ validated the way CI can without an Azure subscription: the Bicep CLI builds and
/// lints it with no diagnostic at all, the template it produces says what the security review asks, and
/// its offline snapshot of a deployment shows the app settings Azure would really be given.</summary>
public sealed partial class InfrastructureTests
{
    private static async Task<JsonNode> TemplateAsync()
    {
        var (build, template) = await BicepTemplate.BuildOnceAsync();
        Assert.True(build.ExitCode == 0 && template is not null, build.Everything);
        return template!;
    }

    private static string Text(JsonNode node) => node.ToJsonString();

    /// <summary>The app settings Azure would be given for one environment, as `bicep snapshot` evaluates
    /// the template offline: names and values, not template expressions. No secret is passed: the
    /// snapshot never evaluates a secure parameter, so with one given the settings stay one expression.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> AppSettingsAsync(string environmentName)
    {
        var settings = Assert.Single(await PredictedResourcesAsync(environmentName),
            resource => resource!["type"]!.GetValue<string>() == "Microsoft.Web/sites/config")!;
        return settings["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    private const string MemUnitAlertEmail = "mem-alerts@example.org";

    /// <summary>Every resource a deployment of one environment would create, as `bicep snapshot` predicts it offline
    /// (conditions and modules evaluated); privateNetworking null leaves the parameter at its default.</summary>
    private static async Task<JsonArray> PredictedResourcesAsync(string environmentName, bool? privateNetworking = null)
    {
        var folder = Directory.CreateTempSubdirectory("mem-infra-").FullName;
        try
        {
            var parameters = Path.Combine(folder, "main.bicepparam");
            // A .bicepparam names its template by a relative path only.
            var main = Path.GetRelativePath(folder, BicepTemplate.Main).Replace('\\', '/');
            await File.WriteAllTextAsync(parameters, $"""
                using '{main}'
                param environmentName = '{environmentName}'
                param memUnitAlertEmail = '{MemUnitAlertEmail}'
                {(privateNetworking is { } on ? $"param privateNetworking = {(on ? "true" : "false")}" : "")}
                """);
            var snapshot = await BicepTemplate.RunAsync("snapshot", parameters,
                "--subscription-id", "00000000-0000-0000-0000-000000000001", "--resource-group", "rg-mem-test", "--location", "eastus2");
            Assert.True(snapshot.ExitCode == 0, snapshot.Everything);
            var predicted = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "main.snapshot.json")))!;
            return predicted["predictedResources"]!.AsArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Bicep_BuildsTheTemplate_WithoutAWarning()
    {
        var (build, _) = await BicepTemplate.BuildOnceAsync();
        Assert.True(build.ExitCode == 0, build.Everything);
        Assert.True(build.Output.Trim().Length == 0 && build.Errors.Trim().Length == 0, build.Everything);
    }

    [Fact]
    public async Task BicepLint_FindsNothing_InMainOrAnyModule()
    {
        var lint = await BicepTemplate.RunAsync("lint", BicepTemplate.Main);
        Assert.True(lint.ExitCode == 0, lint.Everything);
        Assert.True(lint.Output.Trim().Length == 0 && lint.Errors.Trim().Length == 0, lint.Everything);
        // Linting main covers a module only if main uses it.
        var main = await File.ReadAllTextAsync(BicepTemplate.Main);
        Assert.All(Directory.GetFiles(Repository.Path("infra", "modules"), "*.bicep"),
            module => Assert.Contains($"'modules/{Path.GetFileName(module)}'", main));
    }

    [Fact]
    public async Task TheApp_IsADotnetIsolatedFunctionAppOnFlexConsumption_ServedOverHttpsOnly()
    {
        var template = await TemplateAsync();
        var plan = Assert.Single(BicepTemplate.Resources(template, "Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());

        var site = Assert.Single(BicepTemplate.Resources(template, "Microsoft.Web/sites"))["properties"]!;
        Assert.True(site["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", site["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", site["siteConfig"]!["ftpsState"]!.GetValue<string>());
        var config = site["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        Assert.All(BicepTemplate.Resources(template, "Microsoft.Web/sites/basicPublishingCredentialsPolicies"),
            policy => Assert.False(policy["properties"]!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Storage_RefusesSharedKeys_AnonymousReads_AndTlsBelow12()
    {
        var template = await TemplateAsync();
        // The app's account, the deployment package's and the upload intake's.
        var accounts = BicepTemplate.Resources(template, "Microsoft.Storage/storageAccounts").Select(a => a["properties"]!).ToList();
        Assert.Equal(3, accounts.Count);
        Assert.All(accounts, account =>
        {
            Assert.False(account["allowSharedKeyAccess"]!.GetValue<bool>());
            Assert.False(account["allowBlobPublicAccess"]!.GetValue<bool>());
            Assert.Equal("TLS1_2", account["minimumTlsVersion"]!.GetValue<string>());
            Assert.True(account["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        });
        Assert.All(BicepTemplate.Resources(template, "Microsoft.Storage/storageAccounts/blobServices/containers"),
            container => Assert.Equal("None", container["properties"]!["publicAccess"]!.GetValue<string>()));
        // Nothing reads an account key, and the host's storage is reached by identity, not a connection string.
        Assert.DoesNotContain("listKeys", Text(template));
        Assert.Contains("AzureWebJobsStorage__credential", Text(template));
        Assert.DoesNotContain("'AzureWebJobsStorage'", Text(template));
    }

    [Fact]
    public async Task TheAppsIdentity_HoldsExactlyTheRolesItNeeds_AndSecretsComeFromKeyVault()
    {
        var template = await TemplateAsync();
        string[] expected =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor (the upload intake account)
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
        ];
        // The app's identity, as the deployment predicts its role assignments (the deployment identity has its own).
        var predicted = await PredictedResourcesAsync("prod");
        var app = Identities(predicted).App;
        var assigned = RoleAssignments(predicted).Where(a => a.Principal == app).ToList();
        Assert.Equal(expected.Order(), assigned.Select(a => a.Role).Order());
        // Each on one resource, never on the resource group or the subscription.
        Assert.All(assigned, a => Assert.Contains("/providers/", a.Scope, StringComparison.Ordinal));

        var vault = Assert.Single(BicepTemplate.Resources(template, "Microsoft.KeyVault/vaults"))["properties"]!;
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Contains("@Microsoft.KeyVault(VaultName=", Text(template));
        Assert.Contains("Mem__Email__SendGridApiKey", Text(template));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("Test2")]
    public async Task TheAppSettings_NameALettersAndDigitsTaskHub_AndNoTickSchedule(string environmentName)
    {
        var settings = await AppSettingsAsync(environmentName);
        // The Azure Storage backend's rule for a task hub name; it is the environment's own.
        var hub = Assert.Contains("MemTaskHub", settings);
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", hub);
        Assert.Contains(environmentName.ToLowerInvariant(), hub, StringComparison.Ordinal);

        // Durable timers replaced the Tick; Flex Consumption refuses FUNCTIONS_WORKER_RUNTIME.
        Assert.DoesNotContain(settings.Keys, name => name.Contains("Tick", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("Mem__Scheduler__Enabled", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        var template = await TemplateAsync();
        Assert.DoesNotContain(template["parameters"]!.AsObject(), p => p.Key.Contains("tick", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task EverySettingHostJsonNames_IsSetByTheTemplate()
    {
        var hostJson = await File.ReadAllTextAsync(Repository.Path("host.json"));
        var named = Regex.Matches(hostJson, "%([A-Za-z0-9_]+)%").Select(m => m.Groups[1].Value).Distinct().ToList();
        // The task hub's name at least (durableTask.hubName) comes from a setting.
        Assert.True(named.Count > 0, $"host.json names no %Setting%:\n{hostJson}");
        var settings = await AppSettingsAsync("prod");
        Assert.All(named, setting => Assert.Contains(setting, settings.Keys));
    }

    [Fact]
    public async Task ThePortal_IsAStaticWebApp_LinkedToTheFunctionApp_WhoseEmailsAndUploadsNameIt()
    {
        var template = await TemplateAsync();
        var portal = Assert.Single(BicepTemplate.Resources(template, "Microsoft.Web/staticSites"));
        // Only the Standard tier links a backend.
        Assert.Equal("Standard", portal["sku"]!["name"]!.GetValue<string>());
        var backend = Assert.Single(BicepTemplate.Resources(template, "Microsoft.Web/staticSites/linkedBackends"));
        Assert.Contains("Microsoft.Web/sites", Text(backend["properties"]!["backendResourceId"]!));

        var settings = await AppSettingsAsync("prod");
        // The portal's host name is known only once Azure creates it: the setting is an expression over it.
        Assert.Contains("Microsoft.Web/staticSites", settings["Mem__PortalBaseUrl"]);
        Assert.Contains("defaultHostname", settings["Mem__PortalBaseUrl"]);
        // Only the upload intake account has CORS rules; the app's account says it has none, the package's says nothing.
        var cors = Assert.Single(BicepTemplate.Resources(template, "Microsoft.Storage/storageAccounts/blobServices"),
            blobs => blobs["properties"]?["cors"]?["corsRules"] is JsonArray { Count: > 0 })["properties"]!["cors"]!;
        Assert.Contains("PUT", Text(cors));
        // The intake account lets the portal's origin upload: its module is given the portal's host name.
        var intake = Assert.Single(BicepTemplate.Resources(template, "Microsoft.Resources/deployments"), d => Text(d["name"]!) == "\"intake\"");
        Assert.Contains("portal", Text(intake["properties"]!["parameters"]!["uploadOrigins"]!));
        var storage = Assert.Single(BicepTemplate.Resources(template, "Microsoft.Resources/deployments"), d => Text(d["name"]!) == "\"storage\"");
        Assert.Null(storage["properties"]!["parameters"]!["uploadOrigins"]);
    }

    [Fact]
    public async Task AnOpenIncident_AlertsTheMemUnitsAddress_ThroughAnActionGroup_AndTheWorkerExportsToApplicationInsights()
    {
        var template = await TemplateAsync();
        // The address is the deployer's to give: there is no default that would send alerts nowhere.
        Assert.Null(template["parameters"]!["memUnitAlertEmail"]!["defaultValue"]);
        Assert.Single(BicepTemplate.Resources(template, "Microsoft.Insights/actionGroups"));
        Assert.Single(BicepTemplate.Resources(template, "Microsoft.Insights/scheduledQueryRules"));

        var predicted = await PredictedResourcesAsync("prod");
        var group = Assert.Single(predicted, r => r!["type"]!.GetValue<string>() == "Microsoft.Insights/actionGroups")!;
        var receiver = Assert.Single(group["properties"]!["emailReceivers"]!.AsArray())!;
        Assert.Equal(MemUnitAlertEmail, receiver["emailAddress"]!.GetValue<string>());
        Assert.True(group["properties"]!["enabled"]!.GetValue<bool>());

        var rule = Assert.Single(predicted, r => r!["type"]!.GetValue<string>() == "Microsoft.Insights/scheduledQueryRules")!["properties"]!;
        Assert.True(rule["enabled"]!.GetValue<bool>());
        // Stateful: one notification when an incident opens, one when it resolves.
        Assert.True(rule["autoMitigate"]!.GetValue<bool>());
        Assert.Contains("Microsoft.Insights/components", Assert.Single(rule["scopes"]!.AsArray())!.GetValue<string>());
        var criterion = Assert.Single(rule["criteria"]!["allOf"]!.AsArray())!;
        Assert.Contains("\"mem.incidents.open\"", criterion["query"]!.GetValue<string>());
        Assert.Equal("GreaterThan", criterion["operator"]!.GetValue<string>());
        Assert.Equal(0, criterion["threshold"]!.GetValue<double>());
        Assert.Equal(group["id"]!.GetValue<string>(), Assert.Single(rule["actions"]!["actionGroups"]!.AsArray())!.GetValue<string>(), ignoreCase: true);

        var settings = await AppSettingsAsync("prod");
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }
}
