using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>The GEG's, the consultant's and the country's steps over HTTP.</summary>
public static class Review
{
    public static Task<HttpResponseMessage> SaveSummaryAsync(this HttpClient expert, string roundId, string ms, string objectiveId, string summary, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/rounds/{roundId}/countries/{ms}/evaluation/objectives/{objectiveId}")
        {
            Content = JsonContent.Create(new { summary }),
        };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return expert.SendAsync(request);
    }

    public static async Task<JsonNode> StageAsync(this HttpResponseMessage response, string stage)
    {
        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(stage, body["stage"].Str());
        return body;
    }

    /// <summary>Proposes and commits an assignment; the experts and consultant of one evaluation.</summary>
    public static async Task<(List<string> Experts, string Consultant)> AssignAsync(this MemApp app, string roundId, string ms)
    {
        var proposal = await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/assignments/proposals", new { seed = 1 })).JsonAsync(HttpStatusCode.Created);
        await (await app.Admin().PostAsync($"/api/rounds/{roundId}/assignments/proposals/{proposal["proposalId"].Str()}/commitment", null)).JsonAsync(HttpStatusCode.OK);
        var seats = proposal["evaluations"]!.AsArray().Single(e => e!["memberState"].Str() == ms)!;
        return (seats["experts"]!.AsArray().Select(e => e.Str()).ToList(), seats["consultant"].Str());
    }
}
