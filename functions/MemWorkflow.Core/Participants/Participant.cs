namespace MemWorkflow.Core.Participants;

public enum Role
{
    MemUnit,
    Nce,
    Geg,
    Consultant,
}

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

/// <summary>The four official languages of the OAS, as two-letter codes.</summary>
public static class OfficialLanguages
{
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = ["en", "es", "fr", "pt"];

    public static bool IsOfficial(string? code) => code is not null && All.Contains(code);
}
