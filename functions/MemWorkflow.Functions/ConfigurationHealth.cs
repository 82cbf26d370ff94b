using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions;

/// <summary>What is wrong with the configuration the app started with, for <c>/api/health</c>. A
/// Key Vault reference the platform could not resolve reaches the app as its own text
/// (<c>@Microsoft.KeyVault(...)</c>): it is never used as a token or key.</summary>
public sealed class ConfigurationHealth(IOptions<MemOptions> mem, IOptions<EmailOptions> email)
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(";

    public static bool IsUnresolvedReference(string? value) =>
        value is not null && value.TrimStart().StartsWith(KeyVaultReference, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> Problems { get; } = Find(mem.Value, email.Value);

    private static List<string> Find(MemOptions mem, EmailOptions email)
    {
        var problems = new List<string>();
        if (IsUnresolvedReference(mem.BootstrapAdminToken))
            problems.Add("Mem:BootstrapAdminToken is a Key Vault reference that did not resolve; no bootstrap MEM Unit user was set up.");
        if (!string.IsNullOrWhiteSpace(mem.BootstrapAdminToken) && mem.BootstrapAddress is null)
            problems.Add("Mem:BootstrapAdminEmail is missing or not an email address: the bootstrap MEM Unit user has no address, so alerts reach only the MEM Unit users registered with one.");
        if (email.SendGrid && (string.IsNullOrWhiteSpace(email.SendGridApiKey) || IsUnresolvedReference(email.SendGridApiKey)))
            problems.Add("Mem:Email:SendGridApiKey is missing or a Key Vault reference that did not resolve; emails wait in the outbox and are retried.");
        return problems;
    }
}
