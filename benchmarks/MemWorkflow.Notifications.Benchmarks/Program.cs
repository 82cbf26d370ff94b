using System.Diagnostics;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SendGrid;
using SendGrid.Helpers.Mail;

// Messages per second the outbox dispatcher delivers to a fake SendGrid on loopback (no artificial
// delay), against a bare loop of SendEmailAsync calls on the same fake: the price of claiming,
// recording and tracing each message.
var messages = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 2000;
await using var azurite = await LocalStorageEmulator.StartAsync(AppContext.BaseDirectory, location: null);
var fakeBuilder = WebApplication.CreateSlimBuilder();
fakeBuilder.WebHost.UseUrls("http://127.0.0.1:0");
fakeBuilder.Logging.ClearProviders();
await using var fake = fakeBuilder.Build();
var received = 0;
fake.MapPost("/v3/mail/send", async (HttpContext http) =>
{
    await http.Request.Body.CopyToAsync(Stream.Null);
    Interlocked.Increment(ref received);
    http.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
    http.Response.StatusCode = 202;
});
await fake.StartAsync();
var host = fake.Urls.First();

// The app's content root is this output folder; nothing is read from the source tree.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MEMWORKFLOW_LOCALHOST", AppContext.BaseDirectory);
await using var app = new BenchmarkApp(azurite.ConnectionString, host);
app.StartServer();
var tables = app.Services.GetRequiredService<StorageTables>();
var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
var client = app.Services.GetRequiredService<ISendGridClient>();

Console.WriteLine($"MemWorkflow dispatch benchmark: {messages:N0} messages, {Environment.ProcessorCount} cores, Azurite 3.35.0, fake SendGrid on {host}");
var dispatchRate = new List<double>();
var bareRate = new List<double>();
for (var run = 0; run < 3; run++)
{
    var roundId = $"r2099-{run:D8}";
    var now = DateTimeOffset.UtcNow.AddMinutes(-1);
    foreach (var chunk in Enumerable.Range(0, messages).Chunk(100))
        await tables.Rounds.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add, OutboxRow.Create(roundId,
            $"outbox|MEX|{i:D10}|000", "MEX", new Email(new Recipient($"p-{i}", $"Person {i}", $"person{i}@example.org", "en"), EmailKind.Reminder,
                $"MEM 2023: Mexico questionnaire submission due in 7 days ({i})", "Dear Person,\n\nThis is a reminder.", "<p>This is a reminder.</p>"), now))));
    received = 0;
    var watch = Stopwatch.StartNew();
    // What one wake-up of MEX's workflow does with its outbox (the activity's dispatch), timed alone.
    var left = await dispatcher.DispatchAsync(roundId, "MEX");
    var dispatchSeconds = watch.Elapsed.TotalSeconds;
    if (left is not null || received != messages)
        throw new InvalidOperationException($"Fake received {received}, expected {messages}; next attempt {left}.");

    watch.Restart();
    for (var i = 0; i < messages; i++)
    {
        var message = MailHelper.CreateSingleEmail(new EmailAddress("mem@oas.org"), new EmailAddress($"person{i}@example.org"), "Subject", "Text", "<p>Text</p>");
        await client.SendEmailAsync(message);
    }
    var bareSeconds = watch.Elapsed.TotalSeconds;
    dispatchRate.Add(messages / dispatchSeconds);
    bareRate.Add(messages / bareSeconds);
    Console.WriteLine($"  run {run + 1}: dispatcher {messages / dispatchSeconds,8:N0} msg/s ({dispatchSeconds:F2} s)   bare SendEmailAsync loop {messages / bareSeconds,8:N0} msg/s ({bareSeconds:F2} s)");
}
var dispatchMedian = dispatchRate.Order().ElementAt(1);
var bareMedian = bareRate.Order().ElementAt(1);
Console.WriteLine($"median: dispatcher {dispatchMedian:N0} msg/s, bare loop {bareMedian:N0} msg/s, ratio {dispatchMedian / bareMedian:P0} of the bare loop's rate");

// The local host runs the functions as the tests run them.
internal sealed class BenchmarkApp(string connectionString, string sendGrid) : WebApplicationFactory<MemWorkflow.LocalHost.Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Mem:Storage:ConnectionString", connectionString);
        builder.UseSetting("Mem:Storage:StartEmulator", "false");
        builder.UseSetting("Mem:Storage:TablePrefix", "nbench");
        builder.UseSetting("Mem:Storage:ContainerPrefix", "nbench");
        builder.UseSetting("MemTaskHub", "bench" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)) + "hub");
        builder.UseSetting("Mem:Email:Mode", "sendgrid");
        builder.UseSetting("Mem:Email:SendGridHost", sendGrid);
        builder.UseSetting("Mem:Email:SendGridApiKey", "benchmark-key");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}
