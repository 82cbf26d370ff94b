using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>What the security review asks of the network and of the deployment package, read from what
/// `bicep snapshot` predicts a deployment creates: with privateNetworking (production's default), the app's
/// storage, the package's and the vault are reached only through private endpoints, and only the upload intake
/// account stays public; the package is written by the deployment identity alone.</summary>
public sealed partial class InfrastructureTests
{
    private sealed record RoleAssignment(string Principal, string Scope, string Role);

    private static IEnumerable<JsonNode> OfType(JsonArray predicted, string type) =>
        predicted.Where(r => r!["type"]!.GetValue<string>() == type).Select(r => r!);

    private static string Id(JsonNode resource) => resource["id"]!.GetValue<string>();

    private static JsonNode Site(JsonArray predicted) => Assert.Single(OfType(predicted, "Microsoft.Web/sites"));

    /// <summary>The names of the app's identity (the one Key Vault references, and so the app, use) and of
    /// the one the deployment package is reached with, as the function app names them.</summary>
    private static (string App, string Deployment) Identities(JsonArray predicted)
    {
        var site = Site(predicted)["properties"]!;
        var deployment = site["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!["userAssignedIdentityResourceId"]!;
        return (site["keyVaultReferenceIdentity"]!.GetValue<string>().Split('/')[^1], deployment.GetValue<string>().Split('/')[^1]);
    }

    /// <summary>Who holds which built-in role where. The snapshot cannot know a principal id, so it names the
    /// identity it would read it from; a scope is the first argument of the assignment's extensionResourceId.</summary>
    private static IReadOnlyList<RoleAssignment> RoleAssignments(JsonArray predicted) =>
        OfType(predicted, "Microsoft.Authorization/roleAssignments").Select(a => new RoleAssignment(
            Regex.Match(a["properties"]!["principalId"]!.GetValue<string>(), "userAssignedIdentities/([^']+)'").Groups[1].Value,
            Regex.Match(Id(a), @"^\[extensionResourceId\('([^']+)'").Groups[1].Value,
            a["properties"]!["roleDefinitionId"]!.GetValue<string>().Split('/')[^1])).ToList();

    /// <summary>The account the app is told browsers upload to (Mem:Storage:IntakeAccountName).</summary>
    private static JsonNode IntakeAccount(JsonArray predicted)
    {
        var name = Assert.Single(OfType(predicted, "Microsoft.Web/sites/config"))["properties"]!["Mem__Storage__IntakeAccountName"]!.GetValue<string>();
        return Assert.Single(OfType(predicted, "Microsoft.Storage/storageAccounts"), a => a["name"]!.GetValue<string>() == name);
    }

    private static string PackageAccountId(JsonArray predicted)
    {
        var container = Site(predicted)["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["value"]!.GetValue<string>();
        var name = Regex.Match(container, "Microsoft.Storage/storageAccounts/([a-z0-9]+)'").Groups[1].Value;
        return Id(Assert.Single(OfType(predicted, "Microsoft.Storage/storageAccounts"), a => a["name"]!.GetValue<string>() == name));
    }

    [Fact]
    public async Task TheAppsIdentity_CannotWriteTheDeploymentPackage_OnlyTheDeploymentIdentityCan()
    {
        var predicted = await PredictedResourcesAsync("prod");
        var (app, deployment) = Identities(predicted);
        Assert.NotEqual(app, deployment);
        var package = PackageAccountId(predicted);
        // The package has an account of its own, not the one the app's data and the Functions host are in.
        var settings = Assert.Single(OfType(predicted, "Microsoft.Web/sites/config"))["properties"]!;
        Assert.DoesNotContain(settings["AzureWebJobsStorage__accountName"]!.GetValue<string>(), package, StringComparison.Ordinal);

        var assignments = RoleAssignments(predicted);
        // The app's identity holds nothing on that account, nor on anything that contains it.
        Assert.All(assignments.Where(a => a.Principal == app), a =>
        {
            Assert.Contains("/providers/", a.Scope, StringComparison.Ordinal);
            Assert.False(package.StartsWith(a.Scope, StringComparison.OrdinalIgnoreCase) || a.Scope.StartsWith(package, StringComparison.OrdinalIgnoreCase), a.Scope);
        });
        // The deployment identity holds one role, Storage Blob Data Contributor, on the package's account only.
        var write = Assert.Single(assignments, a => a.Principal == deployment);
        Assert.Equal("ba92f5b4-2d11-453d-a403-e96b0029c9fe", write.Role);
        Assert.Equal(package, write.Scope, ignoreCase: true);
    }

    [Theory]
    [InlineData("prod", null)]
    [InlineData("Test2", true)]
    public async Task WithPrivateNetworking_StorageAndKeyVault_RefusePublicAccess_AndAreReachedThroughPrivateEndpoints(
        string environmentName, bool? privateNetworking)
    {
        var predicted = await PredictedResourcesAsync(environmentName, privateNetworking);
        // The upload intake account stays public by design (InfrastructureTests.Intake.cs).
        var intake = Id(IntakeAccount(predicted));
        var accounts = OfType(predicted, "Microsoft.Storage/storageAccounts").Where(a => Id(a) != intake).ToList();
        Assert.Equal(2, accounts.Count);
        var vault = Assert.Single(OfType(predicted, "Microsoft.KeyVault/vaults"));
        Assert.All(accounts.Append(vault), resource =>
        {
            Assert.Equal("Disabled", resource["properties"]!["publicNetworkAccess"]!.GetValue<string>());
            Assert.Equal("Deny", resource["properties"]!["networkAcls"]!["defaultAction"]!.GetValue<string>());
        });

        // An endpoint for each service the app reaches: its data's blob, queue and table, the package's blob, the vault.
        var package = PackageAccountId(predicted);
        var data = Id(Assert.Single(accounts, a => Id(a) != package));
        var endpoints = OfType(predicted, "Microsoft.Network/privateEndpoints").Select(e =>
        {
            var connection = Assert.Single(e["properties"]!["privateLinkServiceConnections"]!.AsArray())!["properties"]!;
            return (Endpoint: Id(e), Target: connection["privateLinkServiceId"]!.GetValue<string>(),
                Group: Assert.Single(connection["groupIds"]!.AsArray())!.GetValue<string>(), Subnet: e["properties"]!["subnet"]!["id"]!.GetValue<string>());
        }).ToList();
        string[] expected = [$"{data} blob", $"{data} queue", $"{data} table", $"{package} blob", $"{Id(vault)} vault"];
        Assert.Equal(expected.Order(), endpoints.Select(e => $"{e.Target} {e.Group}").Order());

        // Each registers its address in its service's privatelink zone (Key Vault's is privatelink.vaultcore...).
        var groups = OfType(predicted, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups").ToList();
        Assert.All(endpoints, e =>
        {
            var group = Assert.Single(groups, g => Id(g).StartsWith(e.Endpoint + "/privateDnsZoneGroups/", StringComparison.Ordinal));
            var zone = Assert.Single(group["properties"]!["privateDnsZoneConfigs"]!.AsArray())!["properties"]!["privateDnsZoneId"]!.GetValue<string>();
            Assert.Contains(e.Group == "vault" ? "privatelink{0}', replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')" : $"privatelink.{e.Group}.", zone);
        });
        // Every zone is linked to the network, so the app resolves the services' names to their endpoints.
        var vnet = Assert.Single(OfType(predicted, "Microsoft.Network/virtualNetworks"));
        var links = OfType(predicted, "Microsoft.Network/privateDnsZones/virtualNetworkLinks").ToList();
        Assert.Equal(4, OfType(predicted, "Microsoft.Network/privateDnsZones").Count());
        Assert.Equal(4, links.Count);
        Assert.All(links, l => Assert.Equal(Id(vnet), l["properties"]!["virtualNetwork"]!["id"]!.GetValue<string>()));

        // The app integrates with the subnet delegated to Flex Consumption; the endpoints are in the other one.
        var subnet = Site(predicted)["properties"]!["virtualNetworkSubnetId"]!.GetValue<string>();
        var delegated = Assert.Single(vnet["properties"]!["subnets"]!.AsArray(),
            s => Text(s!).Contains("\"serviceName\":\"Microsoft.App/environments\"", StringComparison.Ordinal))!;
        Assert.Equal($"{Id(vnet)}/subnets/{delegated["name"]!.GetValue<string>()}", subnet);
        Assert.All(endpoints, e => Assert.NotEqual(subnet, e.Subnet));

        // Its way to everything else (SendGrid, Application Insights, the intake account) is explicit: a NAT gateway
        // with one static address, not the platform's implicit outbound access.
        var nat = Assert.Single(OfType(predicted, "Microsoft.Network/natGateways"));
        Assert.Equal(Id(nat), delegated["properties"]!["natGateway"]!["id"]!.GetValue<string>());
        Assert.False(delegated["properties"]!["defaultOutboundAccess"]!.GetValue<bool>());
        var address = Assert.Single(OfType(predicted, "Microsoft.Network/publicIPAddresses"));
        Assert.Equal("Static", address["properties"]!["publicIPAllocationMethod"]!.GetValue<string>());
        Assert.Equal(Id(address), Assert.Single(nat["properties"]!["publicIpAddresses"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Test2", null)]
    [InlineData("prod", false)]
    public async Task WithoutPrivateNetworking_StorageAndKeyVault_StayPublic_AndNoNetworkIsDeployed(string environmentName, bool? privateNetworking)
    {
        var predicted = await PredictedResourcesAsync(environmentName, privateNetworking);
        Assert.DoesNotContain(predicted, r => r!["type"]!.GetValue<string>().StartsWith("Microsoft.Network/", StringComparison.Ordinal));
        Assert.All(OfType(predicted, "Microsoft.Storage/storageAccounts").Concat(OfType(predicted, "Microsoft.KeyVault/vaults")),
            resource => Assert.Equal("Enabled", resource["properties"]!["publicNetworkAccess"]!.GetValue<string>()));
        Assert.Null(Site(predicted)["properties"]!["virtualNetworkSubnetId"]);
    }
}
