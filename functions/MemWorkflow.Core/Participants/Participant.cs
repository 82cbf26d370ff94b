using MemWorkflow.Contracts.Participants;

namespace MemWorkflow.Core.Participants;

/// <summary>Someone who takes part in the MEM. <see cref="MemberState"/> is the state an NCE user
/// answers for, the state that designated a GEG expert, or a consultant's nationality.</summary>
public sealed record Participant(
    string Id,
    Role Role,
    string Name,
    string Email,
    string? MemberState,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Expertise,
    bool Active,
    DateTimeOffset CreatedAt)
{
    public string FirstLanguage => Languages.Count > 0 ? Languages[0] : OfficialLanguages.English;
}
