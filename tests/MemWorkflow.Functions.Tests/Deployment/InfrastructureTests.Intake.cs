using System.Text.Json.Nodes;

namespace MemWorkflow.Functions.Tests.Deployment;

/// <summary>The upload intake account, as `bicep snapshot` predicts it: browsers PUT means of verification there
/// with upload URLs, so it stays public whether or not the rest is private, and holds nothing it need keep.</summary>
public sealed partial class InfrastructureTests
{
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    [Theory]
    [InlineData("prod", null)]
    [InlineData("Test2", null)]
    public async Task TheUploadIntakeAccount_StaysPublic_LetsOnlyThePortalPut_DeletesWhatIsLeft_AndOnlyTheAppsIdentityUsesIt(
        string environmentName, bool? privateNetworking)
    {
        var predicted = await PredictedResourcesAsync(environmentName, privateNetworking);
        var intake = IntakeAccount(predicted);
        var id = Id(intake);
        var settings = Assert.Single(OfType(predicted, "Microsoft.Web/sites/config"))["properties"]!;
        Assert.NotEqual(settings["Mem__Storage__AccountName"]!.GetValue<string>(), intake["name"]!.GetValue<string>());

        // Public, whatever privateNetworking says, and otherwise as strict as the other accounts.
        var account = intake["properties"]!;
        Assert.Equal("Enabled", account["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Allow", account["networkAcls"]!["defaultAction"]!.GetValue<string>());
        Assert.False(account["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(account["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", account["minimumTlsVersion"]!.GetValue<string>());
        Assert.DoesNotContain(OfType(predicted, "Microsoft.Network/privateEndpoints"), e => Text(e).Contains(id, StringComparison.OrdinalIgnoreCase));

        // PUT from the portal's origin (the Static Web App's host name), nothing else; no other account allows a browser anything.
        var services = OfType(predicted, "Microsoft.Storage/storageAccounts/blobServices").ToList();
        var rule = Assert.Single(Assert.Single(services, s => Id(s).StartsWith(id + "/", StringComparison.Ordinal))["properties"]!["cors"]!["corsRules"]!.AsArray())!;
        Assert.Equal("[\"PUT\"]", Text(rule["allowedMethods"]!));
        Assert.Contains("Microsoft.Web/staticSites", Text(rule["allowedOrigins"]!));
        Assert.Contains("defaultHostname", Text(rule["allowedOrigins"]!));
        Assert.All(services.Where(s => !Id(s).StartsWith(id + "/", StringComparison.Ordinal)),
            s => Assert.True(s["properties"]?["cors"]?["corsRules"] is null or JsonArray { Count: 0 }, Text(s)));

        // One private container, the app's intake, whose blobs (and snapshots) a lifecycle rule deletes after a day.
        var container = Assert.Single(OfType(predicted, "Microsoft.Storage/storageAccounts/blobServices/containers"), c => Id(c).StartsWith(id + "/", StringComparison.Ordinal));
        Assert.EndsWith("/intake", Id(container), StringComparison.Ordinal);
        Assert.Equal("None", container["properties"]!["publicAccess"]!.GetValue<string>());
        var policy = Assert.Single(OfType(predicted, "Microsoft.Storage/storageAccounts/managementPolicies"), p => Id(p).StartsWith(id + "/", StringComparison.Ordinal));
        var lifecycle = Assert.Single(policy["properties"]!["policy"]!["rules"]!.AsArray())!;
        Assert.True(lifecycle["enabled"]!.GetValue<bool>());
        Assert.Equal("[\"intake/\"]", Text(lifecycle["definition"]!["filters"]!["prefixMatch"]!));
        var actions = lifecycle["definition"]!["actions"]!;
        Assert.InRange(actions["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>(), 1, 2);
        Assert.InRange(actions["snapshot"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>(), 1, 2);

        // The app's identity signs upload URLs there and moves what was uploaded: Storage Blob Data Contributor, and
        // no one else holds anything on it.
        var assigned = Assert.Single(RoleAssignments(predicted), a => string.Equals(a.Scope, id, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Identities(predicted).App, assigned.Principal);
        Assert.Equal(StorageBlobDataContributor, assigned.Role);
    }
}
