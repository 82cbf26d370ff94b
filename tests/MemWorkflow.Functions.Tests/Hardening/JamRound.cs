using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Hardening;

/// <summary>Jamaica's 2023 round on Institutional Strengthening only (questionnaire due 60 days after the
/// epoch), with its NCE user, four experts of other states and a consultant registered.</summary>
public sealed record JamRound(string RoundId, Registered Nce, HttpClient NceClient, IReadOnlyDictionary<string, Registered> Experts, Registered Consultant)
{
    public static async Task<JamRound> StartAsync(MemApp app)
    {
        var nce = await app.RegisterAsync("nce", "JAM");
        var experts = new Dictionary<string, Registered>();
        foreach (var state in new[] { "COL", "PER", "CHL", "ARG" })
        {
            var registered = await app.RegisterAsync("geg", state, expertise: ["IS", "RIME", "IC"]);
            experts[registered.Id] = registered;
        }
        var consultant = await app.RegisterAsync("consultant", "CAN", expertise: ["IS"]);
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023",
            memberStates = new[] { "JAM" },
            excludedPillars = new Dictionary<string, string[]> { ["JAM"] = ["RIME", "IC"] },
            schedule = new { submissionDue = MemApp.Epoch.AddDays(60) },
        });
        return new JamRound(roundId, nce, app.Client(nce.Token), experts, consultant);
    }
}
