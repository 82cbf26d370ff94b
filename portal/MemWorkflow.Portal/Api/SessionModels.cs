namespace MemWorkflow.Portal.Api;

public sealed record SignInRequest(string Email, string? ReturnTo);

public sealed record SignInAccepted(string? Message);

/// <summary>A sign-in link's code, or an access token to exchange for a session.</summary>
public sealed record SessionRequest(string? Code, string? AccessToken = null);

/// <summary>Who a sign-in link is for and until when it works (POST /api/sign-in/preview; the link stays unused).</summary>
public sealed record SignInLinkPreview(string Name, DateTimeOffset ExpiresOn);

public sealed record NewSession(string AccessToken, DateTimeOffset? ExpiresOn, Me? Participant);

/// <summary>The signed-in participant, as GET /api/me answers.</summary>
public sealed record Me(
    string Id, string Role, string Name, string Email, string? MemberState, List<string>? Languages, List<string>? Expertise,
    DateTimeOffset? SessionExpiresOn = null);

/// <summary>One evaluation of the NCE's own state (GET /api/me/evaluations).</summary>
public sealed record MyEvaluation(string RoundId, string ThematicEvaluation, int Year, string MemberState, string Stage, DateTimeOffset? Due, bool Overdue);
