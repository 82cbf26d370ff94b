namespace MemWorkflow.Contracts.Participants;

/// <summary>The four official languages of the OAS, as two-letter codes.</summary>
public static class OfficialLanguages
{
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = ["en", "es", "fr", "pt"];

    public static bool IsOfficial(string? code) => code is not null && All.Contains(code);
}
