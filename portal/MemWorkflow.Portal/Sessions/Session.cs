using MemWorkflow.Portal.Api;

namespace MemWorkflow.Portal.Sessions;

/// <summary>Who is signed in: the access token (kept in localStorage between visits), when it expires,
/// and the participant it belongs to.</summary>
public sealed class Session(TimeProvider clock)
{
    public string? AccessToken { get; private set; }

    public DateTimeOffset? ExpiresOn { get; private set; }

    public MeView? Participant { get; private set; }

    public bool IsSignedIn => Participant is not null && !IsExpired;

    public bool IsExpired => ExpiresOn is { } expires && expires <= clock.GetUtcNow();

    public Role? Role => Participant?.Role;

    /// <summary>Raised when someone signs in or out, so the header and the pages follow.</summary>
    public event Action? Changed;

    public void Start(string token, DateTimeOffset? expiresOn, MeView participant)
    {
        AccessToken = token;
        ExpiresOn = expiresOn ?? participant.SessionExpiresOn;
        Participant = participant;
        Changed?.Invoke();
    }

    public void Forget()
    {
        var wasSignedIn = AccessToken is not null;
        AccessToken = null;
        ExpiresOn = null;
        Participant = null;
        if (wasSignedIn)
            Changed?.Invoke();
    }
}
