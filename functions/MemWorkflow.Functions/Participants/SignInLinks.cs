using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Core.Participants;
using MemWorkflow.Core.Workflow;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Shell;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Participants;

/// <summary>A portal session: a bearer token like an access token, but one that expires.</summary>
public sealed record Session(string AccessToken, DateTimeOffset ExpiresOn, Participant Participant);

/// <summary>Email-link sign-in. A link carries a 256-bit code that works once, for
/// <see cref="SignInOptions.LinkLifetime"/>; using it opens a session. Codes and session tokens are
/// stored only as SHA-256 hashes, next to the participants (same partition, so deactivation can
/// revoke a participant's sessions).</summary>
public sealed class SignInLinks(
    StorageTables tables, ParticipantDirectory directory, IEmailSender sender, TimeProvider clock,
    IOptions<SignInOptions> options, IOptions<MemOptions> mem, ILogger<SignInLinks> logger)
{
    /// <summary>Session tokens start with this, access tokens do not: one lookup per request.</summary>
    public const string SessionPrefix = "mems_";
    private const string Partition = ParticipantDirectory.Partition;

    /// <summary>Emails a link to every active participant with this address. Answers how long to wait
    /// when the address asked too often; says nothing about whether the address is known.</summary>
    public async Task<TimeSpan?> RequestAsync(string email, string? returnTo, CancellationToken cancellationToken = default)
    {
        var address = email.Trim();
        if (await CountRequestAsync(address.ToLowerInvariant(), cancellationToken) is { } wait)
            return wait;
        var now = clock.GetUtcNow();
        foreach (var participant in (await directory.ActiveWithEmailAsync(address, cancellationToken)).Where(ParticipantDirectory.Notified))
        {
            var code = Secret("");
            await tables.Participants.AddEntityAsync(new TableEntity(Partition, $"signin|{ParticipantDirectory.Hash(code)}")
            {
                ["ParticipantId"] = participant.Id,
                ["ExpiresAt"] = now + options.Value.LinkLifetime,
            }, cancellationToken);
            await SendAsync(participant, Link(code, returnTo), cancellationToken);
        }
        return null;
    }

    /// <summary>Who a link's code would sign in, and until when it works, without using it: the portal shows this and
    /// waits for a click, so a mail scanner that opens the link (and runs its script) does not spend it. Null when the
    /// code is unknown, expired or used.</summary>
    public async Task<(Participant Participant, DateTimeOffset ExpiresAt)?> PreviewAsync(string code, CancellationToken cancellationToken = default)
    {
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, $"signin|{ParticipantDirectory.Hash(code)}", cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } link || link.GetDateTimeOffset("ExpiresAt") is not { } expires || expires <= clock.GetUtcNow())
            return null;
        return await directory.GetAsync(link.GetString("ParticipantId"), cancellationToken) is { Active: true } participant ? (participant, expires) : null;
    }

    /// <summary>Uses a link's code: the session, or null when the code is unknown, expired or used.</summary>
    public async Task<Session?> RedeemAsync(string code, CancellationToken cancellationToken = default)
    {
        var key = $"signin|{ParticipantDirectory.Hash(code)}";
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } link)
            return null;
        try
        {
            // Deleting with the row's ETag is what makes the link single-use, even under two clicks at once.
            await tables.Participants.DeleteEntityAsync(Partition, key, link.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (link.GetDateTimeOffset("ExpiresAt") <= now || await directory.GetAsync(link.GetString("ParticipantId"), cancellationToken) is not { Active: true } participant)
            return null;
        return await OpenAsync(participant, cancellationToken);
    }

    /// <summary>An access token typed into the portal, exchanged for a session: the browser keeps the session
    /// (which expires, and ends with a sign-out) and never the access token. Null for a token that is not valid.</summary>
    public async Task<Session?> ExchangeAsync(string accessToken, CancellationToken cancellationToken = default) =>
        accessToken.StartsWith(SessionPrefix, StringComparison.Ordinal) || await directory.AuthenticateAsync(accessToken, cancellationToken) is not { Active: true } participant
            ? null
            : await OpenAsync(participant, cancellationToken);

    private async Task<Session> OpenAsync(Participant participant, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = Secret(SessionPrefix);
        var expires = now + options.Value.SessionLifetime;
        await tables.Participants.AddEntityAsync(new TableEntity(Partition, SessionKey(token))
        {
            ["ParticipantId"] = participant.Id,
            ["ExpiresAt"] = expires,
        }, cancellationToken);
        return new Session(token, expires, participant);
    }

    /// <summary>The session's participant while it lasts and the participant is active.</summary>
    public async Task<(Participant Participant, DateTimeOffset ExpiresOn)?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, SessionKey(token), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } session || session.GetDateTimeOffset("ExpiresAt") is not { } expires)
            return null;
        if (expires <= clock.GetUtcNow())
        {
            await SignOutAsync(token, cancellationToken);
            return null;
        }
        return await directory.GetAsync(session.GetString("ParticipantId"), cancellationToken) is { Active: true } participant ? (participant, expires) : null;
    }

    public async Task SignOutAsync(string token, CancellationToken cancellationToken = default)
    {
        try
        {
            await tables.Participants.DeleteEntityAsync(Partition, SessionKey(token), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private static string SessionKey(string token) => $"session|{ParticipantDirectory.Hash(token)}";

    private Uri Link(string code, string? returnTo) => new(mem.Value.PortalBaseUrl,
        $"sign-in#code={code}{(string.IsNullOrEmpty(returnTo) ? "" : "&returnTo=" + Uri.EscapeDataString(returnTo))}");

    private async Task SendAsync(Participant participant, Uri link, CancellationToken cancellationToken)
    {
        var language = participant.Languages.FirstOrDefault() ?? "en";
        var email = SignInEmail.For(new Recipient(participant.Id, participant.Name, participant.Email, language), link, options.Value.LinkLifetime);
        var result = await sender.SendAsync(new OutgoingEmail(Guid.NewGuid().ToString("N"), "sign-in", participant.MemberState ?? "",
            email.Kind, participant.Email, participant.Name, language, email.Subject, email.Text, email.Html), cancellationToken);
        // Not retried: a link lives 15 minutes, and asking again is the person's natural retry.
        if (!result.Delivered)
            logger.LogWarning("Sign-in link to {ParticipantId} not delivered: {Error}", participant.Id, result.Error);
    }

    /// <summary>Counts this request against the address's window; the wait when it is used up.</summary>
    private async Task<TimeSpan?> CountRequestAsync(string address, CancellationToken cancellationToken)
    {
        var key = $"signin-rate|{ParticipantDirectory.Hash(address)}";
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var existing = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value : null;
            var windowStart = row?.GetDateTimeOffset("WindowStart");
            var fresh = windowStart is null || windowStart + options.Value.RateWindow <= now;
            var count = fresh ? 0 : row!.GetInt32("Count") ?? 0;
            if (count >= options.Value.MaxLinksPerWindow)
                return windowStart!.Value + options.Value.RateWindow - now;
            var next = new TableEntity(Partition, key) { ["WindowStart"] = fresh ? now : windowStart, ["Count"] = count + 1 };
            try
            {
                if (row is null)
                    await tables.Participants.AddEntityAsync(next, cancellationToken);
                else
                    await tables.Participants.UpdateEntityAsync(next, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return null;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 5)
            {
                // Another request for the same address counted first: count again on top of it.
            }
        }
    }

    private static string Secret(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
