using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Participants;

/// <summary>The contract's participant view of a registered participant.</summary>
public static class ParticipantViews
{
    extension(ParticipantView)
    {
        public static ParticipantView Of(Participant p) =>
            new(p.Id, p.Role, p.Name, p.Email, p.MemberState, p.Languages, p.Expertise, p.Active, p.CreatedAt);
    }
}

public sealed class ParticipantsFunctions(HttpFunctions http)
{
    [Function(nameof(RegisterParticipant)), HttpHandler(nameof(RegisterAsync), Access.MemUnit)]
    public Task<IResult> RegisterParticipant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/participants")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(ListParticipants)), HttpHandler(nameof(ListAsync), Access.MemUnit)]
    public Task<IResult> ListParticipants([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/participants")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(DeactivateParticipant)), HttpHandler(nameof(DeactivateAsync), Access.MemUnit)]
    public Task<IResult> DeactivateParticipant([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/participants/{participantId}")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(RotateAccessToken)), HttpHandler(nameof(RotateAsync), Access.MemUnit)]
    public Task<IResult> RotateAccessToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/participants/{participantId}/token")] HttpRequest request) =>
        http.RunAsync(request);

    private static async Task<Results<Ok<RotatedToken>, ProblemHttpResult>> RotateAsync(
        string participantId, ParticipantDirectory directory, CancellationToken cancellationToken)
    {
        var (token, rejection) = await directory.RotateTokenAsync(participantId, cancellationToken);
        return rejection is null ? TypedResults.Ok(new RotatedToken(participantId, token!)) : Problems.For(rejection);
    }

    private static async Task<Results<Created<RegisteredParticipant>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        NewParticipant request, ParticipantDirectory directory, CancellationToken cancellationToken)
    {
        var errors = ParticipantRules.Validate(request, PlanCatalogue.Current);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The participant is not valid");
        var (p, token, rejection) = await directory.RegisterAsync(request, cancellationToken);
        if (rejection is not null)
            return Problems.For(rejection);
        return TypedResults.Created($"/api/participants/{p!.Id}",
            new RegisteredParticipant(p.Id, p.Role, p.Name, p.Email, p.MemberState, p.Languages, p.Expertise, p.Active, p.CreatedAt, token!));
    }

    /// <summary>A page at a time (<see cref="PageRequest"/>), in the order of the participants' ids.</summary>
    private static async Task<Results<Ok<IReadOnlyList<ParticipantView>>, ValidationProblem>> ListAsync(
        string? role, string? page, string? pageSize, HttpContext http, ParticipantDirectory directory, CancellationToken cancellationToken)
    {
        var (request, problem) = PageRequest.Parse(page, pageSize, ParticipantDirectory.ParticipantPrefix);
        if (request is null)
            return problem!;
        Role? filter = null;
        if (role is not null)
        {
            if (!Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(role, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["Role is one of memUnit, nce, geg, consultant."] });
            filter = parsed;
        }
        var participants = await directory.PageAsync(filter, request, cancellationToken);
        request.Link(http, participants);
        return TypedResults.Ok<IReadOnlyList<ParticipantView>>(participants.Items.Select(ParticipantView.Of).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeactivateAsync(
        string participantId, ParticipantDirectory directory, CancellationToken cancellationToken)
    {
        var rejection = await directory.DeactivateAsync(participantId, cancellationToken);
        return rejection is null ? TypedResults.NoContent() : Problems.For(rejection);
    }
}
