using MemWorkflow.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MemWorkflow.Functions.Tests.Portal;

/// <summary>The portal speaks the OAS's four languages: the participant's first language by default,
/// the visitor's browser language before sign-in, and any of the four by choice, remembered.</summary>
[Collection(PortalCollection.Name)]
public sealed class LanguageTests(PortalBrowser browser)
{
    [Fact]
    public Task ASpanishSpeakingNce_GetsSpanish_AndCanChooseAnyOfTheFour() => browser.RunAsync("languages", async () =>
    {
        await using var app = await browser.StartAppAsync();
        var nce = await app.RegisterAsync("nce", "MEX", name: "Ana Gómez", languages: ["es", "en"]);
        var roundId = await app.StartRoundAsync(new { thematicEvaluation = "R8-2023", memberStates = new[] { "MEX" } });
        var page = await browser.NewPageAsync(app, locale: "en-US");
        await page.SignInWithTokenAsync(nce.Token, $"/rounds/{roundId}/countries/MEX/questionnaire");

        await page.GetByRole(AriaRole.Heading, new() { Name = "Cuestionario de México" }).WaitForAsync();
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
        await page.GetByLabel("Estado de la acción prioritaria 1.1 (Cooperación Internacional)", new() { Exact = true }).WaitForAsync();
        await browser.CheckAsync(page, "language-es-questionnaire");

        foreach (var (language, heading, home) in new[] { ("fr", "Questionnaire du Mexique", "Accueil"), ("pt", "Questionário do México", "Início"), ("en", "Questionnaire of Mexico", "Home") })
        {
            await page.GetByRole(AriaRole.Combobox, new() { Name = Label(await page.GetAttributeAsync("html", "lang")) }).SelectOptionAsync(language);
            await page.GetByRole(AriaRole.Heading, new() { Name = heading }).WaitForAsync();
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = heading }).WaitForAsync();
            Assert.Equal(home, await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link).First.InnerTextAsync());
            await browser.CheckAsync(page, $"language-{language}-questionnaire");
        }
        // States are named, not coded, wherever a person reads them.
        await page.GotoAsync("/");
        await page.GetByText("You answer as the National Coordinating Entity of Mexico.").WaitForAsync();

        // Before anyone signs in, the browser's language decides.
        var visitor = await browser.NewPageAsync(app, locale: "pt-BR");
        await visitor.GotoAsync("/reports");
        await visitor.GetByRole(AriaRole.Heading, new() { Name = "Relatórios publicados" }).WaitForAsync();
        Assert.Equal("pt", await visitor.GetAttributeAsync("html", "lang"));
        await browser.CheckAsync(visitor, "language-pt-reports");
        Assert.Empty(browser.ErrorsOf(app));
    });

    private static string Label(string? language) => language switch
    {
        "es" or "pt" => "Idioma",
        "fr" => "Langue",
        _ => "Language",
    };
}
