using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using MemWorkflow.Functions.Http;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Storage;

/// <summary>The storage SDK clients, chosen by configuration: with <c>Mem:Storage:AccountName</c> (Azure)
/// they authenticate as the app's managed identity, and the account can refuse shared keys; otherwise
/// they use the connection string (Azurite locally). Without a key, upload URLs are signed with a
/// user delegation key of the intake account instead (see DocumentStore).</summary>
public static class StorageClients
{
    public static IServiceCollection AddStorageClients(this IServiceCollection services)
    {
        services.AddSingleton<StorageMetrics>();
        // One credential for both clients, so its token cache is shared.
        services.AddSingleton<TokenCredential>(sp => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = Options(sp).ClientId is { Length: > 0 } clientId ? clientId : null,
        }));
        services.AddSingleton(sp =>
        {
            var options = WithPolicies(new TableClientOptions(), sp);
            var storage = Options(sp);
            return storage.UsesIdentity
                ? new TableServiceClient(Endpoint(storage, "table"), sp.GetRequiredService<TokenCredential>(), options)
                : new TableServiceClient(storage.ConnectionString, options);
        });
        services.AddSingleton(sp =>
        {
            var options = WithPolicies(new BlobClientOptions(), sp);
            var storage = Options(sp);
            return storage.UsesIdentity
                ? new BlobServiceClient(Endpoint(storage, "blob"), sp.GetRequiredService<TokenCredential>(), options)
                : new BlobServiceClient(storage.ConnectionString, options);
        });
        // Browsers' uploads land in the intake account (Mem:Storage:IntakeAccountName), which stays public while
        // the data account may be private; without one, the intake container is in the data account.
        services.AddKeyedSingleton(StorageBlobs.IntakeKey, (sp, _) => Options(sp).IntakeAccountName is { Length: > 0 } intake
            ? new BlobServiceClient(Endpoint(intake, "blob"), sp.GetRequiredService<TokenCredential>(), WithPolicies(new BlobClientOptions(), sp))
            : sp.GetRequiredService<BlobServiceClient>());
        services.AddSingleton(sp =>
        {
            // Base64, as the Functions host's queue trigger reads messages by default.
            var options = WithPolicies(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, sp);
            var storage = Options(sp);
            return storage.UsesIdentity
                ? new QueueServiceClient(Endpoint(storage, "queue"), sp.GetRequiredService<TokenCredential>(), options)
                : new QueueServiceClient(storage.ConnectionString, options);
        });
        return services;
    }

    public static Uri Endpoint(StorageOptions storage, string service) => Endpoint(storage.AccountName!, service);

    public static Uri Endpoint(string accountName, string service) => new($"https://{accountName}.{service}.core.windows.net/");

    private static StorageOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value;

    // Metrics and any test-registered policies see every storage request, whichever way the client authenticates.
    private static T WithPolicies<T>(T options, IServiceProvider sp) where T : Azure.Core.ClientOptions
    {
        options.AddPolicy(sp.GetRequiredService<StorageMetrics>(), HttpPipelinePosition.PerCall);
        foreach (var policy in sp.GetServices<HttpPipelinePolicy>())
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        return options;
    }
}
