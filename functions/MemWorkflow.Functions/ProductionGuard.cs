using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions;

/// <summary>Production is production: a manual clock or a mailbox nobody reads would silently stop
/// deadlines or emails, so the app does not start in the Production environment with either unless
/// <c>Mem:AllowDevelopmentFeaturesInProduction</c> says so.</summary>
public sealed class ProductionGuard(IHostEnvironment environment, IOptions<EmailOptions> email) : IValidateOptions<MemOptions>
{
    public ValidateOptionsResult Validate(string? name, MemOptions options)
    {
        if (!environment.IsProduction() || options.AllowDevelopmentFeaturesInProduction)
            return ValidateOptionsResult.Success;
        var features = DevelopmentFeatures(options, email.Value);
        return features.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"The {string.Join(" and the ", features)} {(features.Count == 1 ? "runs" : "run")} only in development and tests, and this is the Production environment. " +
                "Use Mem:Clock=system and Mem:Email:Mode=sendgrid, or set Mem:AllowDevelopmentFeaturesInProduction=true if this is really wanted.");
    }

    public static IReadOnlyList<string> DevelopmentFeatures(MemOptions options, EmailOptions email) =>
        [.. options.ManualClock ? ["manual clock"] : Array.Empty<string>(), .. email.SendGrid ? Array.Empty<string>() : ["local mailbox"]];
}
