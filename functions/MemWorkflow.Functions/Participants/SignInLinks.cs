using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Core.Notifications;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Participants;

/// <summary>A portal session: a bearer token like an access token, but one that expires.</summary>
public sealed record Session(string AccessToken, DateTimeOffset ExpiresOn, Participant Participant);

/// <summary>Why a sign-in request was not taken: the address asked too often, or the app takes no more for now.</summary>
public sealed record SignInRefused(TimeSpan Wait, bool ForThisAddress);

/// <summary>Email-link sign-in. A link carries a 256-bit code that works once, for
/// <see cref="SignInOptions.LinkLifetime"/>; using it opens a session. Codes and session tokens are
/// stored only as SHA-256 hashes. Links and the per-address request counts live in their own table
/// (<see cref="StorageTables.SignIns"/>), sessions next to the participants (same partition, so deactivation
/// can revoke a participant's sessions). A request is counted and queued (<see cref="SignInQueue"/>); the
/// link is made and emailed from the queue.</summary>
public sealed class SignInLinks(
    StorageTables tables, ParticipantDirectory directory, SignInRequests requests, IEmailSender sender, TimeProvider clock,
    IOptions<SignInOptions> options, IOptions<MemOptions> mem)
{
    /// <summary>Session tokens start with this, access tokens do not: one lookup per request.</summary>
    public const string SessionPrefix = "mems_";
    private const string Partition = ParticipantDirectory.Partition;

    // Every address together, per process: a flood of requests from many addresses is refused here before it costs a
    // write, and sign-in is what waits, not the signed-in users. Paced each second (a fixed window would take a whole
    // minute's budget in the first seconds of a flood, and its storage work with it).
    private readonly TokenBucketRateLimiter budget = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, options.Value.MaxRequestsPerMinute / 60), TokensPerPeriod = Math.Max(1, options.Value.MaxRequestsPerMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0, AutoReplenishment = true,
    });

    /// <summary>Counts the request against the app's budget and the address's window, and queues it. Answers how
    /// long to wait when either is used up. The same work whether the address is known or not.</summary>
    public async Task<SignInRefused?> RequestAsync(string email, string? returnTo, CancellationToken cancellationToken = default)
    {
        using (var permit = budget.AttemptAcquire())
            if (!permit.IsAcquired)
                return new SignInRefused(TimeSpan.FromSeconds(1), ForThisAddress: false);
        var address = email.Trim();
        if (await CountRequestAsync(address.ToLowerInvariant(), cancellationToken) is { } wait)
            return new SignInRefused(wait, ForThisAddress: true);
        await requests.SendAsync(new SignInRequested(address, returnTo), cancellationToken);
        return null;
    }

    /// <summary>Emails a link to every active participant with the queued address (nothing for an unknown one). A
    /// send that fails throws, so the queue offers the request again, which makes every link anew (a link that did
    /// go out still works until it expires).</summary>
    public async Task SendAsync(SignInRequested request, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        foreach (var participant in (await directory.ActiveWithEmailAsync(request.Email, cancellationToken)).Where(ParticipantDirectory.Notified))
        {
            var code = Secret("");
            await tables.SignIns.AddEntityAsync(new TableEntity(LinkKey(code), "")
            {
                ["ParticipantId"] = participant.Id,
                ["ExpiresAt"] = now + options.Value.LinkLifetime,
            }, cancellationToken);
            await SendAsync(participant, Link(code, request.ReturnTo), cancellationToken);
        }
    }

    /// <summary>Who a link's code would sign in, and until when it works, without using it: the portal shows this and
    /// waits for a click, so a mail scanner that opens the link (and runs its script) does not spend it. Null when the
    /// code is unknown, expired or used.</summary>
    public async Task<(Participant Participant, DateTimeOffset ExpiresAt)?> PreviewAsync(string code, CancellationToken cancellationToken = default)
    {
        var row = await tables.SignIns.GetEntityIfExistsAsync<TableEntity>(LinkKey(code), "", cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } link || link.GetDateTimeOffset("ExpiresAt") is not { } expires || expires <= clock.GetUtcNow())
            return null;
        return await directory.GetAsync(link.GetString("ParticipantId"), cancellationToken) is { Active: true } participant ? (participant, expires) : null;
    }

    /// <summary>Uses a link's code: the session, or null when the code is unknown, expired or used.</summary>
    public async Task<Session?> RedeemAsync(string code, CancellationToken cancellationToken = default)
    {
        var key = LinkKey(code);
        var row = await tables.SignIns.GetEntityIfExistsAsync<TableEntity>(key, "", cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } link)
            return null;
        try
        {
            // Deleting with the row's ETag is what makes the link single-use, even under two clicks at once.
            await tables.SignIns.DeleteEntityAsync(key, "", link.ETag, cancellationToken);
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

    public Task SignOutAsync(string token, CancellationToken cancellationToken = default) =>
        tables.Participants.DeleteIfExistsAsync(Partition, SessionKey(token), cancellationToken);

    private static string SessionKey(string token) => $"session|{ParticipantDirectory.Hash(token)}";

    private static string LinkKey(string code) => $"link|{ParticipantDirectory.Hash(code)}";

    private Uri Link(string code, string? returnTo) => new(mem.Value.PortalBaseUrl,
        $"sign-in#code={code}{(string.IsNullOrEmpty(returnTo) ? "" : "&returnTo=" + Uri.EscapeDataString(returnTo))}");

    private async Task SendAsync(Participant participant, Uri link, CancellationToken cancellationToken)
    {
        var language = participant.Languages.FirstOrDefault() ?? "en";
        var email = SignInEmail.For(new Recipient(participant.Id, participant.Name, participant.Email, language), link, options.Value.LinkLifetime);
        var result = await sender.SendAsync(new OutgoingEmail(Guid.NewGuid().ToString("N"), "sign-in", participant.MemberState ?? "",
            email.Kind, participant.Email, participant.Name, language, email.Subject, email.Text, email.Html), cancellationToken);
        // Thrown, so the queue offers the request again (with a new link: this one's code is known to nobody).
        if (!result.Delivered)
            throw new InvalidOperationException($"Sign-in link to {participant.Id} not delivered: {result.Error}");
    }

    /// <summary>Counts this request against the address's window; the wait when it is used up.</summary>
    private async Task<TimeSpan?> CountRequestAsync(string address, CancellationToken cancellationToken)
    {
        var key = $"address|{ParticipantDirectory.Hash(address)}";
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var existing = await tables.SignIns.GetEntityIfExistsAsync<TableEntity>(key, "", cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value : null;
            var windowStart = row?.GetDateTimeOffset("WindowStart");
            var fresh = windowStart is null || windowStart + options.Value.RateWindow <= now;
            var count = fresh ? 0 : row!.GetInt32("Count") ?? 0;
            if (count >= options.Value.MaxLinksPerWindow)
                return windowStart!.Value + options.Value.RateWindow - now;
            var start = fresh ? now : windowStart!.Value;
            var next = new TableEntity(key, "") { ["WindowStart"] = start, ["Count"] = count + 1, ["ExpiresAt"] = start + options.Value.RateWindow };
            try
            {
                if (row is null)
                    await tables.SignIns.AddEntityAsync(next, cancellationToken);
                else
                    await tables.SignIns.UpdateEntityAsync(next, row.ETag, TableUpdateMode.Replace, cancellationToken);
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
