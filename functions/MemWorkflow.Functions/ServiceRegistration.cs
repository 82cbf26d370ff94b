using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Documents;
using MemWorkflow.Functions.Evaluations;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Questionnaires;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions;

public static class ServiceRegistration
{
    public static IServiceCollection AddMemWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MemOptions>().Bind(configuration.GetSection(MemOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MemOptions>, ProductionGuard>();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoundDefaultsOptions>().Bind(configuration.GetSection(RoundDefaultsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DocumentOptions>().Bind(configuration.GetSection(DocumentOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.AbandonedAfter > o.UploadUrlLifetime, $"{DocumentOptions.Section}:AbandonedAfter must be longer than UploadUrlLifetime: an upload still allowed must not be refused as abandoned.")
            .ValidateOnStart();
        services.AddOptions<AnswerOptions>().Bind(configuration.GetSection(AnswerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection(SignInOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        var mem = configuration.GetSection(MemOptions.Section).Get<MemOptions>() ?? new MemOptions();
        if (mem.ManualClock)
        {
            var start = configuration.GetValue<DateTimeOffset?>("Mem:ManualClockStart") ?? DateTimeOffset.UtcNow;
            services.AddSingleton(new ManualClock(start));
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<ManualClock>());
        }
        else
            services.AddSingleton(TimeProvider.System);

        services.AddMetrics();
        services.AddSingleton<MemMetrics>();
        services.AddStorageClients();
        services.AddSingleton<StorageTables>();
        services.AddSingleton<StorageBlobs>();
        services.AddSingleton<Documents.DocumentStore>();
        services.AddSingleton<Documents.DocumentCommands>();
        services.AddSingleton<Questionnaires.AnswerStore>();
        services.AddSingleton<Questionnaires.QuestionnaireCommands>();
        services.AddSingleton<EventStore>();
        services.AddSingleton<Evaluations.EvaluationStore>();
        services.AddSingleton<ParticipantDirectory>();
        services.AddSingleton<ConfigurationHealth>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<SignInLinks>();
        services.AddSingleton<SignInRequests>();
        services.AddSingleton<ExpiredSignIns>();
        services.AddSingleton<RoundIndex>();
        services.AddSingleton<RoundQueries>();
        services.AddSingleton<OverdueCensus>();
        services.AddSingleton<RoundCommands>();
        services.AddSingleton<EvaluationAccess>();
        services.AddSingleton<Evaluations.DraftStore>();
        services.AddSingleton<Evaluations.ReviewCommands>();
        services.AddSingleton<Publication.ReportPublisher>();
        services.AddSingleton<Assignments.AssignmentInputs>();
        services.AddSingleton<Assignments.ProposalStore>();
        services.AddSingleton<Assignments.AssignmentCommands>();
        services.AddSingleton<Core.Assignments.IAssignmentSolver>(_ => new MemWorkflow.Assignments.CpSatAssignmentSolver());
        services.AddSingleton<Evaluations.EvaluationAdvancer>();
        services.AddSingleton<WorkflowProbe>();
        services.AddSingleton<WorkflowSupervisor>();
        services.AddSingleton<WorkflowFailures>();
        services.AddSingleton<WorkflowClock>();
        services.AddSingleton<ManualClockStore>();
        services.AddSingleton<InjectedFaults>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxRetries>();
        services.AddSingleton<LocalMailboxSender>();
        var email = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        if (email.SendGrid)
        {
            // The client never retries (ReliabilitySettings off): the outbox dispatcher owns retries and backoff.
            services.AddHttpClient("sendgrid");
            services.AddSingleton<SendGrid.ISendGridClient>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
                return new SendGrid.SendGridClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("sendgrid"),
                    new SendGrid.SendGridClientOptions { ApiKey = options.SendGridApiKey, Host = options.SendGridHost.ToString().TrimEnd('/') });
            });
            services.AddSingleton<IEmailSender, SendGridSender>();
        }
        else
            services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<LocalMailboxSender>());
        services.AddHostedService<StorageStartup>();

        services.Configure<JsonOptions>(o => MemJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddSingleton<ProblemExceptionHandler>();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddSingleton<Http.HttpFunctionCatalogue>();
        services.AddSingleton<Http.AnonymousRateLimit>();
        services.AddSingleton<Http.ParticipantRateLimit>();
        services.AddSingleton<Http.HttpFunctions>();
        services.AddSingleton<Http.OpenApiDocuments>();
        return services;
    }
}
