using System.Text.Json;
using MemWorkflow.Portal.Api;
using MemWorkflow.Portal.Shared;

namespace MemWorkflow.Portal.Sessions;

/// <summary>Signs in and out. Only a session (from an emailed link, or an access token exchanged for one) is kept,
/// in this tab's sessionStorage: never an access token, never in localStorage (which any later visitor of the
/// browser profile could read). Restored when the portal reloads in the same tab.</summary>
public sealed class SessionStore(Session session, MemApi api, Browser browser)
{
    private const string Key = "mem.session";

    /// <summary>A session the API ended (a 401) is forgotten in storage too.</summary>
    public void Watch() => session.Changed += () =>
    {
        if (session.AccessToken is null)
            _ = browser.RemoveItemAsync(Key, tab: true);
    };

    public async Task RestoreAsync()
    {
        // Earlier releases kept the token in localStorage: it goes.
        await browser.RemoveItemAsync(Key);
        var json = await browser.GetItemAsync(Key, tab: true);
        if (json is null)
            return;
        StoredSession? stored;
        try
        {
            stored = JsonSerializer.Deserialize(json, MemJsonContext.Default.StoredSession);
        }
        catch (JsonException)
        {
            stored = null;
        }
        if (stored is null || await ResumeAsync(stored.AccessToken, stored.ExpiresOn) is not null)
            await browser.RemoveItemAsync(Key, tab: true);
    }

    /// <summary>An access token typed in, exchanged for a session (the token itself is kept nowhere). Null when signed in;
    /// otherwise the problem the API gave.</summary>
    public async Task<Problem?> SignInWithTokenAsync(string accessToken)
    {
        var created = await api.ExchangeAccessTokenAsync(accessToken.Trim());
        if (!created.Ok || created.Value is not { Participant: { } me } session)
            return created.Problem ?? Problem.Of(created.Status, "");
        await StartAsync(session.AccessToken, session.ExpiresOn, me.AsMe(session.ExpiresOn));
        return null;
    }

    /// <summary>A stored session, checked with GET /api/me. Null when signed in; otherwise the problem the API gave.</summary>
    private async Task<Problem?> ResumeAsync(string token, DateTimeOffset? expiresOn)
    {
        if (expiresOn is { } e && e <= DateTimeOffset.UtcNow)
            return Problem.Of(401, "signedOut");
        var me = await api.GetMeAsync(token.Trim());
        if (!me.Ok || me.Value is null)
            return me.Problem ?? Problem.Of(me.Status, "");
        await StartAsync(token.Trim(), expiresOn ?? me.Value.SessionExpiresOn, me.Value);
        return null;
    }

    public async Task StartAsync(string token, DateTimeOffset? expiresOn, MeView participant)
    {
        session.Start(token, expiresOn, participant);
        await browser.SetItemAsync(Key, JsonSerializer.Serialize(new StoredSession(token, session.ExpiresOn), MemJsonContext.Default.StoredSession), tab: true);
    }

    public async Task SignOutAsync()
    {
        if (session.AccessToken is not null)
            await api.SignOutAsync();
        await ForgetAsync();
    }

    /// <summary>Ends every session of the participant, in every browser, then this one's.</summary>
    public async Task SignOutEverywhereAsync()
    {
        if (session.AccessToken is not null)
            await api.SignOutEverywhereAsync();
        await ForgetAsync();
    }

    public async Task ForgetAsync()
    {
        session.Forget();
        await browser.RemoveItemAsync(Key, tab: true);
    }
}
