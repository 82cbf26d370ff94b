using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Tests.Shell;

/// <summary>How the app reaches storage is configuration: an account name means the managed identity
/// (Azure, no key anywhere); otherwise the connection string (Azurite). Building the clients makes no
/// request, so this is checked without an Azure account.</summary>
public sealed class StorageIdentityTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMemWorkflow(configuration).BuildServiceProvider();
    }

    [Fact]
    public void WithAnAccountName_TheClientsUseTheIdentityAtThatAccountsEndpoints_AndCannotSignWithAKey()
    {
        using var services = Services(new()
        {
            ["Mem:Storage:AccountName"] = "stmemprodx7k2",
            ["Mem:Storage:ClientId"] = "6f1c2a9e-52f4-4c1b-9d55-0c2b8e7a1d3f",
            ["Mem:Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        });
        var tables = services.GetRequiredService<TableServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();

        Assert.Equal(new Uri("https://stmemprodx7k2.table.core.windows.net/"), tables.Uri);
        Assert.Equal(new Uri("https://stmemprodx7k2.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal("stmemprodx7k2", blobs.AccountName);
        // No shared key: upload URLs are then signed with a user delegation key (DocumentStore).
        Assert.False(blobs.CanGenerateAccountSasUri);
        Assert.False(blobs.GetBlobContainerClient("verification").GetBlobClient("r/MEX/d").CanGenerateSasUri);
    }

    /// <summary>Browsers upload to the intake account, which stays public while the data account may be private: its
    /// own endpoint, reached as the same identity, and upload URLs are signed by it (a user delegation key is per account).</summary>
    [Fact]
    public void WithAnIntakeAccountName_UploadsLandInThatAccountsIntakeContainer_AndEvidenceStaysInTheDataAccount()
    {
        using var services = Services(new()
        {
            ["Mem:Storage:AccountName"] = "stmemprodx7k2",
            ["Mem:Storage:IntakeAccountName"] = "stinprodx7k2",
            ["Mem:Storage:ClientId"] = "6f1c2a9e-52f4-4c1b-9d55-0c2b8e7a1d3f",
        });
        var blobs = services.GetRequiredService<StorageBlobs>();

        Assert.Equal(new Uri("https://stinprodx7k2.blob.core.windows.net/intake"), blobs.Intake.Uri);
        Assert.Equal(new Uri("https://stmemprodx7k2.blob.core.windows.net/verification"), blobs.Verification.Uri);
        Assert.False(blobs.Intake.GetBlobClient("r/MEX/d").CanGenerateSasUri);
    }

    [Fact]
    public void WithoutAnIntakeAccountName_TheIntakeContainerIsInTheDataAccount()
    {
        using var services = Services(new() { ["Mem:Storage:AccountName"] = "stmemprodx7k2" });
        var blobs = services.GetRequiredService<StorageBlobs>();

        Assert.Equal(new Uri("https://stmemprodx7k2.blob.core.windows.net/intake"), blobs.Intake.Uri);
        Assert.Same(services.GetRequiredService<BlobServiceClient>(), blobs.IntakeService);
    }

    [Fact]
    public void WithoutAnAccountName_TheClientsUseTheConnectionString()
    {
        using var services = Services(new() { ["Mem:Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
        var blobs = services.GetRequiredService<BlobServiceClient>();

        Assert.Equal("devstoreaccount1", blobs.AccountName);
        Assert.True(blobs.CanGenerateAccountSasUri);
        Assert.Equal("devstoreaccount1", services.GetRequiredService<TableServiceClient>().AccountName);
    }

    [Theory]
    [InlineData("StMem")]
    [InlineData("st-mem")]
    [InlineData("st")]
    [InlineData("https://stmem.blob.core.windows.net")]
    public void AnAccountNameAzureWouldRefuse_StopsTheAppAtStart(string accountName)
    {
        foreach (var setting in new[] { "AccountName", "IntakeAccountName" })
        {
            using var services = Services(new() { [$"Mem:Storage:{setting}"] = accountName });
            var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);
            Assert.Contains(setting, failure.Message);
        }
    }
}
