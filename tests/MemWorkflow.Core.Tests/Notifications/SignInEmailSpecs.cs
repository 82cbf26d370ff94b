using MemWorkflow.Core.Notifications;

namespace MemWorkflow.Core.Tests.Notifications;

public sealed class SignInEmailSpecs
{
    private static readonly Uri Link = new("https://mem.oas.org/sign-in#code=abc_DEF-123&returnTo=%2Frounds%2Fr2023-0a1b2c3d%2Fcountries%2FMEX");

    [Theory]
    [InlineData("en", "Your sign-in link to the MEM portal", "Dear Ana Gómez,", "for 15 minutes", ">Sign in to the MEM portal</a>")]
    [InlineData("es", "Su enlace de acceso al portal del MEM", "Estimado/a Ana Gómez:", "durante 15 minutos", ">Entrar al portal del MEM</a>")]
    [InlineData("fr", "Votre lien de connexion au portail du MEM", "Bonjour Ana Gómez,", "pendant 15 minutes", ">Se connecter au portail du MEM</a>")]
    [InlineData("pt", "Seu link de acesso ao portal do MEM", "Prezado(a) Ana Gómez,", "durante 15 minutos", ">Entrar no portal do MEM</a>")]
    public void TheSignInEmail_IsInTheParticipantsLanguage_AndCarriesTheOneLink(string language, string subject, string greeting, string lifetime, string button)
    {
        var email = SignInEmail.For(new Recipient("p-1", "Ana Gómez", "ana@sre.gob.mx", language), Link, TimeSpan.FromMinutes(15));

        Assert.Equal(EmailKind.SignInLink, email.Kind);
        Assert.Equal(subject, email.Subject);
        Assert.StartsWith(greeting, email.Text);
        Assert.Contains(lifetime, email.Text);
        Assert.Contains(Link.ToString(), email.Text);
        Assert.Contains($"href=\"{Link.ToString().Replace("&", "&amp;", StringComparison.Ordinal)}\"", email.Html);
        Assert.Contains(button, email.Html);
        Assert.DoesNotContain("{", email.Text);
    }
}
