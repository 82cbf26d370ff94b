using MemWorkflow.Portal.Sessions;
using MemWorkflow.Portal.Shared;

namespace MemWorkflow.Portal.Localization;

/// <summary>Which language the portal speaks: the one the user chose (remembered), else the signed-in
/// participant's first language, else the browser's, else English. <c>&lt;html lang&gt;</c> follows.</summary>
public sealed class LanguageChoice(Text text, Session session, Browser browser)
{
    private const string Key = "mem.language";

    public async Task ApplyAsync()
    {
        var chosen = await browser.GetItemAsync(Key);
        var language = Text.IsSupported(chosen) ? chosen!
            : session.Participant?.Languages?.FirstOrDefault(Text.IsSupported)
            ?? (await browser.BrowserLanguagesAsync()).Select(l => l.Split('-')[0].ToLowerInvariant()).FirstOrDefault(Text.IsSupported)
            ?? "en";
        text.Use(language);
        await browser.SetLanguageAsync(text.Language);
    }

    public async Task ChooseAsync(string language)
    {
        if (!Text.IsSupported(language))
            return;
        await browser.SetItemAsync(Key, language);
        text.Use(language);
        await browser.SetLanguageAsync(language);
    }
}
