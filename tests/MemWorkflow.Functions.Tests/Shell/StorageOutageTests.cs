using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemWorkflow.Functions.Tests.Shell;

/// <summary>Storage that stops answering reads of the participant registry, as a storage outage looks to
/// the app when it checks a caller's token.</summary>
public sealed class RegistryOutage : HttpPipelineSynchronousPolicy
{
    public volatile bool Down;

    public override void OnSendingRequest(HttpMessage message)
    {
        if (Down && message.Request.Uri.Path.Contains("participants", StringComparison.Ordinal))
            throw new IOException("Simulated outage: storage does not answer.");
    }
}

public sealed class StorageOutageTests
{
    /// <summary>The caller's token cannot be checked while storage is down. That is not the client's fault:
    /// a 503 problem with Retry-After (never a bare 500 with no body, never the exception's details, in
    /// any environment), and the token works again once storage is back.</summary>
    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public async Task ATokenThatCannotBeCheckedWhileStorageIsDown_IsAnsweredAsAProblem_WithoutTheExceptionsDetails(string environment)
    {
        var outage = new RegistryOutage();
        await using var app = await MemApp.StartAsync(configureServices: s => s.AddSingleton<HttpPipelinePolicy>(outage), environment: environment);
        await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK);

        outage.Down = true;
        var response = await app.Admin().GetAsync("/api/rounds");
        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Service unavailable", problem["title"].Str());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        Assert.Null(problem["exception"]);
        Assert.DoesNotContain("outage", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        outage.Down = false;
        await (await app.Admin().GetAsync("/api/rounds")).JsonAsync(HttpStatusCode.OK);
    }
}
