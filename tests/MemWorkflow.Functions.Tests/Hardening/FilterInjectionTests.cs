using System.Net;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Hardening;

/// <summary>Text from a request that reaches a table query filter stays text.</summary>
public sealed class FilterInjectionTests
{
    private const string Injection = "x' or PartitionKey eq 'mail' or RowKey eq '";

    [Fact]
    public void AQuoteInAValue_IsDoubled_InsideOneQuotedLiteral()
    {
        Assert.Equal("'x'' or PartitionKey eq ''mail'' or RowKey eq '''", OData.Quote(Injection));
        Assert.Equal("RowKey ge 'a''|' and RowKey lt 'a''}'", RowKeys.StartsWith("a'|"));
    }

    [Fact]
    public async Task AFilterWrittenIntoAQuery_MatchesNothing_InsteadOfEverything()
    {
        await using var app = await MemApp.StartAsync();
        await app.RegisterAsync("nce", "MEX");
        await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        var all = await (await app.Admin().GetAsync("/api/dev/mail")).JsonAsync(HttpStatusCode.OK);
        Assert.NotEmpty(all.AsArray());

        var injected = await (await app.Admin().GetAsync($"/api/dev/mail?roundId={Uri.EscapeDataString(Injection)}")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(injected.AsArray());
        var participants = await app.Admin().GetAsync($"/api/participants?role={Uri.EscapeDataString("nce' or Role ne '")}");
        Assert.True(participants.StatusCode == HttpStatusCode.BadRequest, await participants.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin().GetAsync($"/api/rounds/{Uri.EscapeDataString(Injection)}/outbox")).StatusCode);
    }
}
