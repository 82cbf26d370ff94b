using System.Globalization;
using System.Text.Json;
using MemWorkflow.Portal.Api;

namespace MemWorkflow.Portal.Localization;

/// <summary>The portal's words in the OAS's four official languages: <c>T["key"]</c> in the current
/// language, falling back to English. One JSON file per language embedded in the assembly rather than resx:
/// no satellite assemblies to download, and InvariantGlobalization stays on, so dates are formatted here too.</summary>
public sealed class Text
{
    // A language is parsed when first spoken: most visitors need English and at most one other.
    private static readonly Dictionary<string, Lazy<Dictionary<string, string>>> Dictionaries = new[] { "en", "es", "fr", "pt" }
        .ToDictionary(language => language, language => new Lazy<Dictionary<string, string>>(() => Read(language)));

    public string Language { get; private set; } = "en";

    public event Action? Changed;

    public string this[string key] =>
        Dictionaries[Language].Value.TryGetValue(key, out var word) || Dictionaries["en"].Value.TryGetValue(key, out word) ? word : key;

    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    public static bool IsSupported(string? language) => language is not null && Dictionaries.ContainsKey(language);

    public void Use(string language)
    {
        if (!IsSupported(language) || language == Language)
            return;
        Language = language;
        Changed?.Invoke();
    }

    /// <summary>ISO-like dates ("2027-04-04"), the same in every language and unambiguous across the Americas.</summary>
    public string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public string DateTime(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public string Stage(Contracts.Evaluations.Stage? stage) => stage is { } s ? Word("stage.", s) : this["stage.none"];

    /// <summary>A member state's name in this language ("México"); its code when it is not one of the OAS's.</summary>
    public string State(string? code) => code is null ? "—" : MemWorkflow.Core.Catalogue.MemberStateNames.NameOf(code, Language);

    /// <summary>The "of" form of a state's name, with its article where the language has one ("du Mexique").</summary>
    public string OfState(string code) => MemWorkflow.Core.Catalogue.MemberStateNames.OfForm(code, Language);

    public string Role(string? role) => Lookup("role." + role, role ?? "");

    public string Role(Contracts.Participants.Role? role) => role is { } r ? Word("role.", r) : "";

    public string Owner(Contracts.Evaluations.Owner owner) => Word("owner.", owner);

    public string AnswerStatus(Contracts.Questionnaires.AnswerStatus? status) => status is { } s ? Word("answer.", s) : "";

    public string LanguageName(string code) => Lookup("language." + code, code);

    /// <summary>What an incident is about, by its kind; the API's own subject for a kind the portal does not know yet.</summary>
    public string IncidentKind(string kind, string subject) => Lookup("incidentKind." + kind, subject);

    /// <summary>A pillar's label: its usual name in this language; the catalogue's (English) short name for a
    /// pillar of a later plan. Headings that must carry the official title show it too (<see cref="PillarTitle"/>).</summary>
    public string Pillar(string pillarId, string fallback) => Lookup("pillar." + pillarId, fallback);

    /// <summary>The pillar's official title (English, as the Plan and the reports print it) when the label
    /// does not already say it, else null.</summary>
    public string? PillarTitle(string pillarId, string shortName, string officialTitle) =>
        Pillar(pillarId, shortName) == officialTitle ? null : officialTitle;

    public string Bytes(long? bytes) => bytes switch
    {
        null => "—",
        < 1024 => Format("bytes.b", bytes),
        < 1024 * 1024 => Format("bytes.kb", (bytes.Value / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)),
        _ => Format("bytes.mb", (bytes.Value / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture)),
    };

    /// <summary>The word for an enum value, keyed by its name on the wire; that name when there is no word.</summary>
    private string Word<TEnum>(string prefix, TEnum value) where TEnum : struct, Enum => Lookup(prefix + Wire.Name(value), Wire.Name(value));

    private string Lookup(string key, string fallback)
    {
        var word = this[key];
        return word == key ? fallback : word;
    }

    private static Dictionary<string, string> Read(string language)
    {
        using var json = typeof(Text).Assembly.GetManifestResourceStream($"MemWorkflow.Portal.Localization.{language}.json")
            ?? throw new InvalidOperationException($"The portal's {language}.json is not embedded.");
        return JsonSerializer.Deserialize(json, MemJsonContext.Default.DictionaryStringString)!;
    }
}
