using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MemWorkflow.Functions.Tests.Infrastructure;
using MemWorkflow.Resilience.Tests.Infrastructure;

namespace MemWorkflow.Resilience.Tests.Load;

/// <summary>What the load suites share: Azurite and the local host as their own processes (local mailbox, manual
/// clock, a MEM Unit token of the suite's own), sign-in through the emailed link, and a round's questionnaires out.</summary>
public sealed partial class LoadHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly AzuriteProcess azurite;
    private readonly LocalHostProcess host;

    private LoadHost(AzuriteProcess azurite, LocalHostProcess host, string adminToken) =>
        (this.azurite, this.host, AdminToken) = (azurite, host, adminToken);

    public Uri Address => host.Address;

    public string AdminToken { get; }

    /// <param name="settings">The suite's own settings, beside storage, the task hub, the token, the clock and the mailbox.</param>
    public static async Task<LoadHost> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var azurite = await AzuriteProcess.StartAsync(location: null);
        var prefix = name + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var token = $"resilience-{name}-memunit-token-0123456789";
        var all = new Dictionary<string, string>(settings)
        {
            ["Mem__Storage__ConnectionString"] = azurite.ConnectionString,
            ["Mem__Storage__TablePrefix"] = prefix,
            ["Mem__Storage__ContainerPrefix"] = prefix,
            ["MemTaskHub"] = prefix + "hub",
            ["Mem__BootstrapAdminToken"] = token,
            ["Mem__ManualClockStart"] = Epoch.ToString("O"),
            ["Mem__Email__Mode"] = "local",
        };
        var host = LocalHostProcess.Start(TestPorts.Free(), all);
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return new LoadHost(azurite, host, token);
    }

    /// <summary>Registers an NCE user of the state, asks for a sign-in link (from <paramref name="from"/>, when given),
    /// and opens a session with the link that arrives: the session token.</summary>
    public async Task<string> SignInAsync(LoadClient client, string email, string state, string name, IReadOnlyDictionary<string, string>? from = null)
    {
        await client.ExpectAsync("setup", HttpMethod.Post, "/api/participants", AdminToken, HttpStatusCode.Created,
            new { role = "nce", name, email, memberState = state, languages = new[] { "en" } });
        await client.ExpectAsync("setup", HttpMethod.Post, "/api/sign-in", null, HttpStatusCode.Accepted, new { email }, from);
        // The link goes out from the sign-in queue, a moment after the answer.
        var mail = (await client.ExpectAsync("setup", HttpMethod.Get, $"/api/dev/mail?to={Uri.EscapeDataString(email)}", AdminToken, HttpStatusCode.OK)).AsArray();
        for (var waited = Stopwatch.StartNew(); mail.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(100))
            mail = (await client.ExpectAsync("setup", HttpMethod.Get, $"/api/dev/mail?to={Uri.EscapeDataString(email)}", AdminToken, HttpStatusCode.OK)).AsArray();
        var code = SignInCode().Match(Assert.Single(mail)!["text"]!.GetValue<string>()).Groups[1].Value;
        var session = await client.ExpectAsync("setup", HttpMethod.Post, "/api/sessions", null, HttpStatusCode.Created, new { code }, from);
        return session["accessToken"]!.GetValue<string>();
    }

    /// <summary>Starts an R8-2023 round for the states and waits until every questionnaire is out: the round's id.</summary>
    public async Task<string> StartRoundAsync(LoadClient client, IReadOnlyList<string> states)
    {
        var round = await client.ExpectAsync("setup", HttpMethod.Post, "/api/rounds", AdminToken, HttpStatusCode.Created,
            new { thematicEvaluation = "R8-2023", memberStates = states });
        var roundId = round["roundId"]!.GetValue<string>();
        for (var waited = Stopwatch.StartNew(); !(await client.ExpectAsync("setup", HttpMethod.Get, $"/api/rounds/{roundId}/workflow", AdminToken, HttpStatusCode.OK))
            ["evaluations"]!.AsArray().All(e => e!["caughtUp"]!.GetValue<bool>()); await Task.Delay(200))
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "The round's questionnaires were not issued within a minute.");
        return roundId;
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [GeneratedRegex(@"code=([A-Za-z0-9_-]+)")]
    private static partial Regex SignInCode();
}
