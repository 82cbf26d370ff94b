
namespace MemWorkflow.Core.Notifications;

/// <summary>The email that carries a one-time sign-in link, in the participant's first language.</summary>
public static class SignInEmail
{
    public static Email For(Recipient to, Uri link, TimeSpan validFor) =>
        EvaluationEmails.Render(to, EmailKind.SignInLink, t => t.SignInLink(to, link, (int)validFor.TotalMinutes));
}
