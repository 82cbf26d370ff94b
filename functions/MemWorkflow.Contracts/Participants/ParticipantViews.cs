namespace MemWorkflow.Contracts.Participants;

/// <summary>Who to register; every field is checked by the API, which lists what is wrong (400).</summary>
public sealed record NewParticipant(
    Role? Role,
    string? Name,
    string? Email,
    string? MemberState,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<string>? Expertise);

public sealed record ParticipantView(
    string Id, Role Role, string Name, string Email, string? MemberState,
    IReadOnlyList<string> Languages, IReadOnlyList<string> Expertise, bool Active, DateTimeOffset CreatedAt);

/// <summary>The registration answer: the only time the access token is ever shown.</summary>
public sealed record RegisteredParticipant(
    string Id, Role Role, string Name, string Email, string? MemberState,
    IReadOnlyList<string> Languages, IReadOnlyList<string> Expertise, bool Active, DateTimeOffset CreatedAt, string AccessToken);

/// <summary>A new access token, shown once; the old one no longer works.</summary>
public sealed record RotatedToken(string Id, string AccessToken);

/// <summary>The signed-in participant, as GET /api/me answers.</summary>
public sealed record MeView(
    string Id, Role Role, string Name, string Email, string? MemberState,
    IReadOnlyList<string> Languages, IReadOnlyList<string> Expertise, DateTimeOffset? SessionExpiresOn);
