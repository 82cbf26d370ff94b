using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Data.Tables;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>The app's functions in the local host, on Kestrel (real HTTP on a loopback port) against the test run's Azurite,
/// with its own tables and Durable task hub, and a manual clock starting at <see cref="Epoch"/>: time
/// moves only when a test says so.</summary>
public sealed class MemApp : WebApplicationFactory<MemWorkflow.LocalHost.Program>
{
    public static readonly DateTimeOffset Epoch = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? configureServices;

    private readonly string environment;

    private MemApp(string connectionString, IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? configureServices, string environment, string? tablePrefix)
    {
        this.environment = environment;
        TablePrefix = tablePrefix ?? "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        this.connectionString = connectionString;
        this.settings = settings ?? new Dictionary<string, string?>();
        this.configureServices = configureServices;
    }

    public string AdminToken { get; } = "test-memunit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Names this app's tables, containers and Durable task hub; a second app given the first's
    /// prefix carries on with its rounds and workflows (a deploy).</summary>
    public string TablePrefix { get; }

    public static async Task<MemApp> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null,
        LocalStorageEmulator? storage = null, int port = 0, string environment = "Testing", string? tablePrefix = null)
    {
        storage ??= await TestStorage.GetAsync();
        var app = new MemApp(storage.ConnectionString, settings, configureServices, environment, tablePrefix);
        app.UseKestrel(port);
        app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Mem:Storage:ConnectionString", connectionString);
        builder.UseSetting("Mem:Storage:StartEmulator", "false");
        builder.UseSetting("Mem:Storage:TablePrefix", TablePrefix);
        builder.UseSetting("Mem:Storage:ContainerPrefix", TablePrefix);
        builder.UseSetting("Mem:BootstrapAdminToken", AdminToken);
        builder.UseSetting("Mem:BootstrapAdminEmail", "mem-unit@localhost.test");
        builder.UseSetting("Mem:Clock", "manual");
        builder.UseSetting("Mem:ManualClockStart", Epoch.ToString("O"));
        builder.UseSetting("MemTaskHub", TablePrefix + "hub");
        builder.UseSetting("Mem:Durable:PartitionCount", "1");
        builder.UseSetting("Mem:PortalBaseUrl", "https://mem.test.oas.org/");
        // The supervisor's timer (and its pass at start) would race each test's own steps; tests that are
        // about it turn it on, the others drive the workflows themselves.
        builder.UseSetting("Mem:LocalHost:Timers", "off");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        // A second app on the same hub (a deploy) takes over what the first released. The host's 3.5 s shutdown
        // timeout can end a stop on a loaded machine before the Durable worker has let its partition lease go, and the
        // second app then waits out the 30 s lease, longer than a clock move's 30 s wait. A test app's stop
        // waits for the release instead (it takes about a second). Shorter leases are no answer: renewed every
        // 3 s, a 9 s lease lapsed under the CI's load and stalled a workflow for longer than a move's wait.
        builder.ConfigureTestServices(services => services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30)));
        if (configureServices is not null)
            builder.ConfigureTestServices(configureServices);
    }

    public HttpClient Client(string? token = null)
    {
        var client = CreateClient();
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Admin() => Client(AdminToken);

    public TableClient Table(string name) => new TableServiceClient(connectionString).GetTableClient(TablePrefix + name);

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Waits until the sign-in queue is empty: every link asked for so far has been emailed (the queue's
    /// count includes the message being handled, which is deleted only once its emails are in the mailbox).</summary>
    public async Task SignInLinksSentAsync()
    {
        var queue = new Azure.Storage.Queues.QueueClient(connectionString,
            MemWorkflow.Functions.Storage.TaskHub.Resolve(MemWorkflow.Functions.Participants.SignInQueue.Name, Service<Microsoft.Extensions.Configuration.IConfiguration>()));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The sign-in queue still holds requests after 20 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Where this app's emails link to (Mem:PortalBaseUrl).</summary>
    public Uri PortalUrl => Service<Microsoft.Extensions.Options.IOptions<MemOptions>>().Value.PortalBaseUrl;

    public async Task<IReadOnlyList<TableEntity>> RowsAsync(string table, string? filter = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(table).QueryAsync<TableEntity>(filter))
            rows.Add(row);
        return rows;
    }
}
