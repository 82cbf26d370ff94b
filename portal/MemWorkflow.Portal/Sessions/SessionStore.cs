using System.Text.Json;
using MemWorkflow.Portal.Api;
using MemWorkflow.Portal.Shared;

namespace MemWorkflow.Portal.Sessions;

/// <summary>Signs in and out: checks a token with GET /api/me, keeps it in localStorage, and restores it
/// when the portal opens.</summary>
public sealed class SessionStore(Session session, MemApi api, Browser browser)
{
    private const string Key = "mem.session";

    /// <summary>A session the API ended (a 401) is forgotten in localStorage too.</summary>
    public void Watch() => session.Changed += () =>
    {
        if (session.AccessToken is null)
            _ = browser.RemoveItemAsync(Key);
    };

    public async Task RestoreAsync()
    {
        var json = await browser.GetItemAsync(Key);
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
        if (stored is null || await SignInWithTokenAsync(stored.AccessToken, stored.ExpiresOn) is not null)
            await browser.RemoveItemAsync(Key);
    }

    /// <summary>Null when signed in; otherwise the problem the API gave.</summary>
    public async Task<Problem?> SignInWithTokenAsync(string token, DateTimeOffset? expiresOn = null)
    {
        if (expiresOn is { } e && e <= DateTimeOffset.UtcNow)
            return Problem.Of(401, "signedOut");
        var me = await api.GetMeAsync(token.Trim());
        if (!me.Ok || me.Value is null)
            return me.Problem ?? Problem.Of(me.Status, "");
        await StartAsync(token.Trim(), expiresOn ?? me.Value.SessionExpiresOn, me.Value);
        return null;
    }

    public async Task StartAsync(string token, DateTimeOffset? expiresOn, Me participant)
    {
        session.Start(token, expiresOn, participant);
        await browser.SetItemAsync(Key, JsonSerializer.Serialize(new StoredSession(token, session.ExpiresOn), MemJsonContext.Default.StoredSession));
    }

    public async Task SignOutAsync()
    {
        if (session.AccessToken is not null)
            await api.SignOutAsync();
        await ForgetAsync();
    }

    public async Task ForgetAsync()
    {
        session.Forget();
        await browser.RemoveItemAsync(Key);
    }
}
