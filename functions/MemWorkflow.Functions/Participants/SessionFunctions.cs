using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Participants;

/// <summary>Email-link sign-in for the portal: ask for a link, use it once for a session, sign out.</summary>
public sealed class SessionFunctions(HttpFunctions http)
{
    private const int MaxEmailLength = 254;

    [Function(nameof(RequestSignInLink)), HttpHandler(nameof(RequestLinkAsync), Access.Anyone)]
    public Task<IResult> RequestSignInLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sign-in")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(PreviewSignInLink)), HttpHandler(nameof(PreviewAsync), Access.Anyone)]
    public Task<IResult> PreviewSignInLink([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sign-in/preview")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(OpenSession)), HttpHandler(nameof(OpenAsync), Access.Anyone)]
    public Task<IResult> OpenSession([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sessions")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(CloseAllSessions)), HttpHandler(nameof(CloseAllAsync), Access.Participant)]
    public Task<IResult> CloseAllSessions([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/sessions")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(CloseSession)), HttpHandler(nameof(CloseAsync), Access.Participant)]
    public Task<IResult> CloseSession([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/sessions/current")] HttpRequest request) =>
        http.RunAsync(request);

    private static async Task<Results<Accepted<SignInAccepted>, ValidationProblem, ProblemHttpResult>> RequestLinkAsync(
        SignInRequest request, HttpContext http, SignInLinks signIn, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > MaxEmailLength || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Any(char.IsWhiteSpace))
            errors["email"] = ["An email address such as ana@sre.gob.mx."];
        if (request.ReturnTo is { } returnTo && !PortalReturnPaths.IsSafe(returnTo))
            errors["returnTo"] = ["A page of this portal, such as /rounds/{roundId}/countries/{memberState}/questionnaire."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The sign-in request is not valid");

        if (await signIn.RequestAsync(email!, request.ReturnTo, cancellationToken) is { } refused)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(refused.Wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Refuse(RejectionKind.TooManyRequests, refused.ForThisAddress
                ? $"Too many sign-in links were asked for this address; try again in {Math.Ceiling(refused.Wait.TotalMinutes)} minutes."
                : $"Too many sign-in requests reach the MEM portal right now; try again in {Math.Ceiling(refused.Wait.TotalSeconds)} seconds.");
        }
        return TypedResults.Accepted((string?)null,
            new SignInAccepted("If this address belongs to a participant, a sign-in link is on its way. It works once, for a short time."));
    }

    /// <summary>Reads a link without using it (a POST, so the code stays out of addresses and logs).</summary>
    private static async Task<Results<Ok<SignInLinkPreview>, ValidationProblem>> PreviewAsync(
        SessionRequest request, SignInLinks signIn, CancellationToken cancellationToken)
    {
        if (Code(request) is not { } code || await signIn.PreviewAsync(code, cancellationToken) is not { } link)
            return LinkDoesNotWork();
        return TypedResults.Ok(new SignInLinkPreview(link.Participant.Name, link.ExpiresAt));
    }

    /// <summary>A link's code as sent, if it has the shape of one (a code is 43 characters).</summary>
    private static string? Code(SessionRequest request) => request.Code?.Trim() is { Length: > 0 and <= 100 } code ? code : null;

    private static ValidationProblem LinkDoesNotWork() =>
        Problems.Invalid("code", "This sign-in link is not valid: it may have expired or been used already. Ask for a new one.", "The sign-in link does not work");

    private static async Task<Results<Created<SessionView>, ValidationProblem>> OpenAsync(
        SessionRequest request, SignInLinks signIn, CancellationToken cancellationToken)
    {
        if (request.AccessToken is { } accessToken)
        {
            accessToken = accessToken.Trim();
            var exchanged = accessToken.Length is 0 or > 200 || request.Code is not null ? null : await signIn.ExchangeAsync(accessToken, cancellationToken);
            if (exchanged is null)
                return Problems.Invalid("accessToken", "This access token is not valid, or no longer. Ask the MEM Unit for a new one.", "The access token does not work");
            return Created(exchanged);
        }
        if (Code(request) is not { } code || await signIn.RedeemAsync(code, cancellationToken) is not { } session)
            return LinkDoesNotWork();
        return Created(session);
    }

    private static Created<SessionView> Created(Session session) =>
        TypedResults.Created("/api/sessions/current", new SessionView(session.AccessToken, session.ExpiresOn, ParticipantView.Of(session.Participant)));

    /// <summary>Signs the caller out everywhere: every portal session of theirs ends (their access token, if any, stays).</summary>
    private static async Task<NoContent> CloseAllAsync(HttpContext http, ParticipantDirectory participants, CancellationToken cancellationToken)
    {
        await participants.RevokeSessionsAsync(Caller.From(http.User).Id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CloseAsync(HttpContext http, SignInLinks signIn, CancellationToken cancellationToken)
    {
        string token = TokenAuthenticationHandler.Credentials(http.Request)!["Bearer ".Length..].Trim();
        if (!token.StartsWith(SignInLinks.SessionPrefix, StringComparison.Ordinal))
            return Problems.Refuse(RejectionKind.Conflict, "Access tokens are revoked by the MEM Unit (DELETE /api/participants/{id}); only portal sessions sign out.", "Not a session");
        await signIn.SignOutAsync(token, cancellationToken);
        return TypedResults.NoContent();
    }
}
