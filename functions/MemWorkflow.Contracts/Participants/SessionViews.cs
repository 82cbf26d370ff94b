using MemWorkflow.Contracts.Evaluations;

namespace MemWorkflow.Contracts.Participants;

public sealed record SignInRequest(string? Email, string? ReturnTo);

public sealed record SignInAccepted(string Message);

/// <summary>A sign-in link's code, or an access token to exchange for a session (one of the two).</summary>
public sealed record SessionRequest(string? Code, string? AccessToken = null);

/// <summary>Who a sign-in link is for (the name only) and until when it works.</summary>
public sealed record SignInLinkPreview(string Name, DateTimeOffset ExpiresOn);

/// <summary>The session token is shown here only: the portal keeps it and sends it as a bearer token.</summary>
public sealed record SessionView(string AccessToken, DateTimeOffset ExpiresOn, ParticipantView Participant);

/// <summary>One evaluation of the NCE's own state, as its home page lists them.</summary>
public sealed record MyEvaluation(
    string RoundId, string ThematicEvaluation, int Year, string MemberState, Stage Stage, DateTimeOffset? Due, bool Overdue);
