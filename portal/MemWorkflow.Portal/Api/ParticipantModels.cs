namespace MemWorkflow.Portal.Api;

public sealed record NewParticipant(string Role, string Name, string Email, string? MemberState, List<string> Languages, List<string> Expertise);

public sealed record ParticipantView(
    string Id, string Role, string Name, string Email, string? MemberState, List<string> Languages, List<string> Expertise, bool Active, DateTimeOffset CreatedAt,
    string? AccessToken = null);
