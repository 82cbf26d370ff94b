using System.Text.Json;
using System.Text.RegularExpressions;
using MemWorkflow.Functions.Tests.Deployment;
using MemWorkflow.Portal.Localization;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>The portal's four languages, read from its source: every word the pages ask for exists in
/// English, Spanish, French and Portuguese, and the translations are translations.</summary>
public sealed partial class PortalLanguagesTests
{
    private static readonly string Portal = Repository.Path("portal", "MemWorkflow.Portal");

    private static string WordsFile(string language) => Path.Combine(Portal, "Localization", $"{language}.json");

    private static Dictionary<string, string> Words(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllBytes(WordsFile(language)))!;

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("pt")]
    public void EveryLanguage_IsOneFlatObjectOfWords_EachKeyOnce(string language)
    {
        // Read token by token: deserializing keeps the last of two equal keys without a word.
        var reader = new Utf8JsonReader(File.ReadAllBytes(WordsFile(language)));
        Assert.True(reader.Read() && reader.TokenType == JsonTokenType.StartObject, $"{language}.json is not one object.");
        var keys = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            keys.Add(reader.GetString()!);
            Assert.True(reader.Read() && reader.TokenType == JsonTokenType.String, $"{language}.json: {keys[^1]} is not a string.");
        }
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.False(reader.Read(), $"{language}.json goes on after its object.");
        Assert.Empty(keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void TheTextService_SpeaksEachLanguage_FromItsFileEmbeddedInThePortal()
    {
        var text = new Text();
        foreach (var language in new[] { "es", "fr", "pt", "en" })
        {
            text.Use(language);
            Assert.All(Words(language), w => Assert.Equal(w.Value, text[w.Key]));
        }
    }

    [Theory]
    [InlineData("es")]
    [InlineData("fr")]
    [InlineData("pt")]
    public void EveryLanguage_HasExactlyTheEnglishWords_AndTranslatesThem(string language)
    {
        var english = Words("en");
        var other = Words(language);
        Assert.True(english.Count > 250, $"Only {english.Count} English words were read.");
        Assert.Empty(english.Keys.Except(other.Keys));
        Assert.Empty(other.Keys.Except(english.Keys));
        Assert.All(other, w => Assert.False(string.IsNullOrWhiteSpace(w.Value), $"{language} {w.Key} is empty."));
        // Placeholders survive translation: "{0}" in English is "{0}" in every language.
        Assert.All(english, w => Assert.Equal(Placeholders(w.Value), Placeholders(other[w.Key])));
        var same = english.Count(w => w.Value == other[w.Key]);
        Assert.True(same < english.Count / 10, $"{same} of {english.Count} {language} words are the English ones.");
    }

    [Fact]
    public void EveryWordThePagesAskFor_Exists()
    {
        var english = Words("en");
        var prefixes = english.Keys.Select(k => k.Split('.')[0]).ToHashSet();
        var asked = Directory.EnumerateFiles(Portal, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Localization{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(k => prefixes.Contains(k.Key.Split('.')[0]))
            .ToList();
        Assert.True(asked.Count > 200, $"Only {asked.Count} uses of words were found.");
        // A key built at run time ("assignments.role." + role) must at least have words under its prefix.
        Assert.All(asked, k => Assert.True(english.ContainsKey(k.Key) || english.Keys.Any(e => e.StartsWith(k.Key + ".", StringComparison.Ordinal)),
            $"{k.File} asks for '{k.Key}', which no language has."));

        // Words looked up by the API's own values (T.Stage(stage) and the like).
        string[] values =
        [
            .. new[] { "issued", "submitted", "inReview", "consultantReview", "revisionRequested", "countryReview", "awaitingApproval", "approved", "published", "withdrawn" }.Select(s => $"stage.{s}"),
            .. new[] { "implemented", "partiallyImplemented", "notImplemented", "notApplicable" }.Select(s => $"answer.{s}"),
            .. new[] { "memUnit", "nce", "geg", "consultant" }.Select(s => $"role.{s}"),
            .. new[] { "en", "es", "fr", "pt" }.Select(s => $"language.{s}"),
        ];
        Assert.All(values, key => Assert.True(english.ContainsKey(key), $"No word for the API's '{key}'."));
    }

    private static string Placeholders(string text) => string.Join(",", Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal));

    [GeneratedRegex(""""([a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*)+)"""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
