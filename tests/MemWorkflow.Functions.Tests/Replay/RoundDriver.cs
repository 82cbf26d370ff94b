using System.Net;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Replay;

public sealed record DrivenRound(string RoundId, IReadOnlyDictionary<string, Registered> Nce, IReadOnlyDictionary<string, Registered> Experts, Registered Consultant);

/// <summary>A small round driven over HTTP from start to publication, in steps that may run on different
/// apps sharing one set of tables (before and after a deploy): Institutional Strengthening only, no country
/// review, every priority action answered "not implemented".</summary>
public static class RoundDriver
{
    private static readonly IReadOnlyList<string> Items = PlanCatalogue.Current.FindPillar("IS")!.Objectives.SelectMany(o => o.PriorityActions).Select(a => a.Id).ToList();
    private static readonly IReadOnlyList<string> Objectives = PlanCatalogue.Current.FindPillar("IS")!.Objectives.Select(o => o.Id).ToList();

    /// <summary>Registers the participants and starts the round; answers as soon as the round is created
    /// (its workflows issue the questionnaires just after).</summary>
    public static async Task<DrivenRound> StartAsync(MemApp app, params string[] states)
    {
        var nce = new Dictionary<string, Registered>();
        foreach (var state in states)
            nce[state] = await app.RegisterAsync("nce", state);
        var experts = new Dictionary<string, Registered>();
        foreach (var state in new[] { "COL", "PER", "CHL", "ARG" })
        {
            var expert = await app.RegisterAsync("geg", state, name: $"Expert of {state}", expertise: ["IS"]);
            experts[expert.Id] = expert;
        }
        var consultant = await app.RegisterAsync("consultant", "CAN", name: "Claire", expertise: ["IS"]);
        var response = await app.Admin().PostJsonAsync("/api/rounds", new
        {
            thematicEvaluation = "R8-2023", memberStates = states, countryReview = false,
            excludedPillars = states.ToDictionary(s => s, _ => new[] { "RIME", "IC" }),
        });
        var roundId = (await response.JsonAsync(HttpStatusCode.Created))["roundId"].Str();
        return new DrivenRound(roundId, nce, experts, consultant);
    }

    public static async Task SubmitAsync(MemApp app, DrivenRound round, string state)
    {
        var nce = app.Client(round.Nce[state].Token);
        foreach (var id in Items)
            await (await nce.SaveAnswerAsync(round.RoundId, state, id, "notImplemented", $"{state} has not yet implemented {id}.")).JsonAsync(HttpStatusCode.OK);
        await (await nce.PostAsync($"/api/rounds/{round.RoundId}/countries/{state}/submission", null)).StageAsync("submitted");
    }

    /// <summary>Assigns the round's submitted evaluations, then drafts, approves and publishes each state's report.</summary>
    public static async Task PublishAsync(MemApp app, DrivenRound round, params string[] states)
    {
        await app.AssignAsync(round.RoundId, states[0]);
        var assignment = await (await app.Admin().GetAsync($"/api/rounds/{round.RoundId}/assignments")).JsonAsync(HttpStatusCode.OK);
        foreach (var state in states)
        {
            var seats = assignment["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == state)!;
            var expert = app.Client(round.Experts[seats["experts"]![0].Str()].Token);
            foreach (var objective in Objectives)
                await (await expert.SaveSummaryAsync(round.RoundId, state, objective, $"CICAD notes that {state} works on {objective}.")).JsonAsync(HttpStatusCode.OK);
            await (await expert.PostAsync($"/api/rounds/{round.RoundId}/countries/{state}/evaluation/submission", null)).StageAsync("consultantReview");
            await (await app.Client(round.Consultant.Token).PostJsonAsync($"/api/rounds/{round.RoundId}/countries/{state}/feedback", new { decision = "approve" }))
                .StageAsync("awaitingApproval");
            await (await app.Admin().PostJsonAsync($"/api/rounds/{round.RoundId}/countries/{state}/approval", new { })).StageAsync("approved");
            await (await app.Admin().PostAsync($"/api/rounds/{round.RoundId}/countries/{state}/publication", null)).JsonAsync(HttpStatusCode.OK);
        }
    }
}
