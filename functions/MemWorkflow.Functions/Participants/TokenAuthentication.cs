using System.Security.Claims;
using System.Text.Encodings.Web;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Participants;

/// <summary>Bearer tokens issued by the participant registry. Unknown or revoked tokens are 401,
/// known callers without the right role 403, both as problem details.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ParticipantDirectory directory, SignInLinks signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>Where the portal sends its token: Azure Static Web Apps sets <c>Authorization</c> itself on the
    /// requests it proxies to a linked backend, so a bearer token in it never reaches the app.</summary>
    public const string PortalHeader = "X-MEM-Authorization";

    /// <summary>The caller's credentials: <see cref="PortalHeader"/> when sent (whatever the proxy put in
    /// <c>Authorization</c>), else <c>Authorization</c>, as direct API clients send it.</summary>
    public static string? Credentials(HttpRequest request) =>
        request.Headers.TryGetValue(PortalHeader, out var portal) ? portal.ToString() : request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null;

    /// <summary>A token that could not be checked (storage did not answer) fails authentication with
    /// <see cref="AuthenticationUnavailableException"/>, never with an exception of its own: the local host's
    /// app-wide authentication middleware runs this before the function, outside the function's problem
    /// handling, where it became a bare 500 (or, in Development, a page of exception details). The function
    /// rethrows it inside its own handling (<see cref="Http.HttpFunctions"/>).</summary>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        try
        {
            return await AuthenticateTokenAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return AuthenticateResult.Fail(new AuthenticationUnavailableException(e));
        }
    }

    private async Task<AuthenticateResult> AuthenticateTokenAsync()
    {
        string? header = Credentials(Request);
        if (string.IsNullOrEmpty(header))
            return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 200)
            return AuthenticateResult.Fail($"The Authorization (or {PortalHeader}) header must be 'Bearer <token>'.");
        var token = header["Bearer ".Length..].Trim();
        Participant? participant;
        DateTimeOffset? sessionExpiresOn = null;
        if (token.StartsWith(SignInLinks.SessionPrefix, StringComparison.Ordinal))
        {
            var session = await signIn.AuthenticateAsync(token, Context.RequestAborted);
            if (session is null)
                return AuthenticateResult.Fail("The session has expired or was signed out; sign in again.");
            (participant, sessionExpiresOn) = session.Value;
        }
        else if ((participant = await directory.AuthenticateAsync(token, Context.RequestAborted)) is null)
            return AuthenticateResult.Fail("The access token is unknown or has been revoked.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, participant.Id),
            new(ClaimTypes.Name, participant.Name),
            new(ClaimTypes.Role, participant.Role.ToString()),
        };
        if (participant.MemberState is not null)
            claims.Add(new Claim(Caller.MemberStateClaim, participant.MemberState));
        if (sessionExpiresOn is not null)
            claims.Add(new Claim(Caller.SessionExpiresClaim, sessionExpiresOn.Value.ToString("O"), ClaimValueTypes.DateTime));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(RejectionKind.Unauthenticated,
            $"Send 'Authorization: Bearer <token>' (or '{PortalHeader}: Bearer <token>' through a proxy that sets Authorization) with a valid participant access token.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(RejectionKind.Forbidden, "Your role does not allow this.");

    private Task WriteProblemAsync(RejectionKind kind, string detail)
    {
        var (status, title) = Problems.StatusOf(kind);
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
            Response.Headers.WWWAuthenticate = "Bearer";
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

/// <summary>The authenticated participant as the endpoints need it.</summary>
public sealed record Caller(string Id, string Name, Role Role, string? MemberState)
{
    public const string MemberStateClaim = "mem:memberState";
    public const string SessionExpiresClaim = "mem:sessionExpiresOn";

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No authenticated participant."),
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role) ?? ""),
        user.FindFirstValue(MemberStateClaim));

    public bool IsMemUnit => Role == Role.MemUnit;

    public bool IsNceOf(string memberState) => Role == Role.Nce && MemberState == memberState;

    public Core.Actor Actor => new(Id, Name);

    public Core.Evaluations.Asker Asker => new(Id, Role, MemberState);
}

public static class Policies
{
    public const string MemUnit = "MemUnit";
    public const string Participant = "Participant";
}

/// <summary>Whether the caller's token is valid could not be decided: the app's failure, not the caller's.</summary>
public sealed class AuthenticationUnavailableException(Exception inner) : Exception("The caller's token could not be checked.", inner);
