using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Storage;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Participants;

/// <summary>Participants and their access tokens, in one partition so that a participant and its
/// token hash are written (and revoked) in one transaction. Tokens are never stored, only SHA-256
/// hashes: a token is 256 random bits, so a fast hash is enough.</summary>
public sealed partial class ParticipantDirectory(StorageTables tables, TimeProvider clock, IOptions<LimitsOptions> limits)
{
    public const string Partition = "participants";
    public const string BootstrapId = "p-memunit-bootstrap";

    public async Task<IReadOnlyList<Participant>> ListAsync(Role? role, CancellationToken cancellationToken = default)
    {
        var rows = tables.Participants.QueryAsync<TableEntity>(
            $"PartitionKey eq {OData.Quote(Partition)} and {RowKeys.StartsWith("participant|")}", cancellationToken: cancellationToken);
        var participants = new List<Participant>();
        await foreach (var row in rows)
        {
            var participant = FromRow(row);
            if (role is null || participant.Role == role)
                participants.Add(participant);
        }
        return participants.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>A page of participants in the order of their ids (a range of one partition).</summary>
    public async Task<Storage.Page<Participant>> PageAsync(Role? role, PageRequest page, CancellationToken cancellationToken = default)
    {
        var rows = await page.ReadAsync(tables.Participants, Partition, ParticipantPrefix, cancellationToken, role is { } r ? $"Role eq {OData.Quote(r)}" : null);
        return new Storage.Page<Participant>(rows.Items.Select(FromRow).ToList(), rows.Next);
    }

    public const string ParticipantPrefix = "participant|";
    private const string EmailMigrated = "migrated|email-v1";
    public const string SignInsMoved = "migrated|signins-v1";

    /// <summary>The active participants with this email address, through the address's index rows (written
    /// with the participant, in its transaction): a sign-in never reads the whole directory.</summary>
    public async Task<IReadOnlyList<Participant>> ActiveWithEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var found = new List<Participant>();
        await foreach (var row in tables.Participants.QueryAsync<TableEntity>(
            $"PartitionKey eq {OData.Quote(Partition)} and {RowKeys.StartsWith(EmailPrefix(email))}", select: ["ParticipantId"], cancellationToken: cancellationToken))
        {
            if (await GetAsync(row.GetString("ParticipantId"), cancellationToken) is { Active: true } participant
                && string.Equals(participant.Email, email, StringComparison.OrdinalIgnoreCase))
                found.Add(participant);
        }
        return found;
    }

    private static string EmailPrefix(string email) => $"email|{Hash(email.Trim().ToLowerInvariant())}|";

    private static TableEntity EmailRow(Participant p) => new(Partition, EmailPrefix(p.Email) + p.Id) { ["ParticipantId"] = p.Id };

    /// <summary>Puts right, once per storage account, what earlier releases left in the participants' partition:
    /// participants registered before the email index existed get their rows, and the sign-in links and counts kept
    /// there before the sign-in table are deleted.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await OnceAsync(EmailMigrated, async () =>
        {
            foreach (var participant in await ListAsync(null, cancellationToken))
                await tables.Participants.UpsertEntityAsync(EmailRow(participant), TableUpdateMode.Replace, cancellationToken);
        }, cancellationToken);
        await OnceAsync(SignInsMoved, async () =>
        {
            await foreach (var row in tables.Participants.QueryAsync<TableEntity>(
                $"PartitionKey eq {OData.Quote(Partition)} and {RowKeys.StartsWith("signin")}", select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
                await tables.Participants.DeleteIfExistsAsync(row.PartitionKey, row.RowKey, cancellationToken);
        }, cancellationToken);
    }

    private async Task OnceAsync(string marker, Func<Task> migrate, CancellationToken cancellationToken)
    {
        if ((await tables.Index.GetEntityIfExistsAsync<TableEntity>(Rounds.RoundIndex.Partition, marker, cancellationToken: cancellationToken)).HasValue)
            return;
        await migrate();
        await tables.Index.UpsertEntityAsync(new TableEntity(Rounds.RoundIndex.Partition, marker), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<Participant>> ActiveAsync(CancellationToken cancellationToken = default) =>
        (await ListAsync(null, cancellationToken)).Where(p => p.Active).ToList();

    public async Task<Participant?> GetAsync(string? id, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(id))
            return null;
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, $"participant|{id}", cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? FromRow(entity) : null;
    }

    public async Task<Participant?> AuthenticateAsync(string token, CancellationToken cancellationToken = default)
    {
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, $"token|{Hash(token)}", cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? StoredJson.Deserialize<Participant>(entity.GetString("Participant")) : null;
    }

    /// <summary>Deactivates a participant and revokes its token at once. The last active MEM Unit user
    /// cannot be deactivated: nobody could run the mechanism any more.</summary>
    public async Task<Rejection?> DeactivateAsync(string id, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (rejection, rosterMoved) = await DeactivateOnceAsync(id, cancellationToken);
            if (!rosterMoved || attempt == RosterAttempts)
                return rosterMoved ? new Rejection(RejectionKind.Conflict, "Participants changed at the same moment, many times over; try again.") : rejection;
            await RosterBackoffAsync(attempt, cancellationToken);
        }
    }

    private async Task<(Rejection? Rejection, bool RosterMoved)> DeactivateOnceAsync(string id, CancellationToken cancellationToken)
    {
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, $"participant|{id}", cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity)
            return (new Rejection(RejectionKind.NotFound, $"No participant {id}."), false);
        var participant = FromRow(entity);
        if (!participant.Active)
            return (null, false);
        var rosterKey = RosterKey(participant.Role, participant.MemberState);
        var roster = await RosterAsync(rosterKey, cancellationToken);
        if (participant.Role == Role.MemUnit && (await ActiveAsync(cancellationToken)).Count(p => p.Role == Role.MemUnit) <= 1)
            return (new Rejection(RejectionKind.Conflict, "This is the last active MEM Unit user; register another one first."), false);

        entity["Active"] = false;
        entity["DeactivatedAt"] = clock.GetUtcNow();
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, entity, entity.ETag),
            new(TableTransactionActionType.Delete, new TableEntity(Partition, $"token|{entity.GetString("TokenHash")}"), ETag.All),
        ];
        var rosterIndex = -1;
        if (rosterKey is not null)
        {
            actions.Add(RosterMoves(rosterKey, roster));
            rosterIndex = actions.Count - 1;
        }
        try
        {
            await tables.Participants.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (RosterMoved(e, rosterIndex))
        {
            return (null, true);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
        {
            return (new Rejection(RejectionKind.Conflict, $"Participant {id} changed at the same moment; try again."), false);
        }
        await RevokeSessionsAsync(id, cancellationToken);
        return (null, false);
    }

    /// <summary>Ends every portal session of the participant at once (they also check the participant on every
    /// request, so one opened while this runs dies at its first use): on deactivation, on a new access token,
    /// and when the participant signs out everywhere.</summary>
    public async Task RevokeSessionsAsync(string id, CancellationToken cancellationToken)
    {
        var sessions = tables.Participants.QueryAsync<TableEntity>(
            $"PartitionKey eq {OData.Quote(Partition)} and {RowKeys.StartsWith("session|")} and ParticipantId eq {OData.Quote(id)}", select: ["RowKey"], cancellationToken: cancellationToken);
        // One signed out (or expired) at the same moment is already gone.
        await foreach (var session in sessions)
            await tables.Participants.DeleteIfExistsAsync(Partition, session.RowKey, cancellationToken);
    }

    /// <summary>The bootstrap user's address while Mem:BootstrapAdminEmail is unset: a reserved domain (RFC 2606)
    /// that no notification is ever sent to (<see cref="Notified"/>).</summary>
    public const string NoAddress = "mem-unit@bootstrap.invalid";

    /// <summary>Whether email to this address can reach anyone: never to a placeholder.</summary>
    public static bool Notified(Participant participant) => !participant.Email.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes sure the configured bootstrap token belongs to the bootstrap MEM Unit user, with the configured
    /// address (or <see cref="NoAddress"/>). Once the MEM Unit has deactivated that user, it stays deactivated across
    /// restarts: the settings only ever create it, or move it to a new token or address.</summary>
    public async Task EnsureBootstrapAdminAsync(string token, string? email, CancellationToken cancellationToken = default)
    {
        var hash = Hash(token);
        var existing = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, $"participant|{BootstrapId}", cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value is { } row && !FromRow(row).Active)
            return;
        var address = string.IsNullOrWhiteSpace(email) ? NoAddress : email.Trim();
        var stored = existing.HasValue && existing.Value is { } current ? FromRow(current) : null;
        var oldHash = existing.HasValue ? existing.Value?.GetString("TokenHash") : null;
        // Every start of every instance comes here: with the same token and address, there is nothing to write.
        if (stored is not null && oldHash == hash && stored.Email == address)
            return;
        var participant = stored is null
            ? new Participant(BootstrapId, Role.MemUnit, "MEM Unit (bootstrap)", address, null, ["en"], [], true, clock.GetUtcNow())
            : stored with { Email = address };
        if (stored is not null && !string.Equals(stored.Email, address, StringComparison.OrdinalIgnoreCase))
            await tables.Participants.DeleteIfExistsAsync(Partition, EmailRow(stored).RowKey, cancellationToken);
        if (oldHash is not null && oldHash != hash)
            await tables.Participants.DeleteIfExistsAsync(Partition, $"token|{oldHash}", cancellationToken);
        await tables.Participants.UpsertEntityAsync(TokenRow(participant, hash), TableUpdateMode.Replace, cancellationToken);
        await tables.Participants.UpsertEntityAsync(EmailRow(participant), TableUpdateMode.Replace, cancellationToken);
        if (stored is null)
        {
            // An active MEM Unit user appeared: a decision taken on the roster before it is taken again.
            await tables.Participants.UpsertEntityAsync(new TableEntity(Partition, RosterKey(Role.MemUnit, null)!) { ["ChangedAt"] = clock.GetUtcNow() },
                TableUpdateMode.Replace, cancellationToken);
        }
        // Last: the row whose token and address say all of the above is done (a start that stopped halfway does it again).
        await tables.Participants.UpsertEntityAsync(ToRow(participant, hash), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>A new access token for an active participant; the old one stops working in the same
    /// transaction. Portal sessions are not affected: they expire on their own.</summary>
    public async Task<(string? Token, Rejection? Rejection)> RotateTokenAsync(string id, CancellationToken cancellationToken = default)
    {
        var row = await tables.Participants.GetEntityIfExistsAsync<TableEntity>(Partition, $"participant|{id}", cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } entity)
            return (null, new Rejection(RejectionKind.NotFound, $"No participant {id}."));
        var participant = FromRow(entity);
        if (!participant.Active)
            return (null, new Rejection(RejectionKind.Conflict, $"Participant {id} is deactivated; register them again instead."));
        if (id == BootstrapId)
            return (null, new Rejection(RejectionKind.Conflict,
                "The bootstrap user's token is the Mem:BootstrapAdminToken setting (a Key Vault secret in Azure): change it there and restart."));
        var token = NewToken();
        var oldHash = entity.GetString("TokenHash");
        var updated = ToRow(participant, Hash(token));
        try
        {
            await tables.Participants.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateReplace, updated, entity.ETag),
                new(TableTransactionActionType.Delete, new TableEntity(Partition, $"token|{oldHash}"), ETag.All),
                new(TableTransactionActionType.Add, TokenRow(participant, Hash(token))),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return (null, new Rejection(RejectionKind.Conflict, $"Participant {id} changed at the same moment; try again."));
        }
        // Whoever held the old token may have opened portal sessions with it: they end with it.
        await RevokeSessionsAsync(id, cancellationToken);
        return (token, null);
    }

    private static string NewToken() => "mem_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string For(string? memberState) => memberState is null ? "" : $" for {memberState}";

    private static TableEntity ToRow(Participant p, string tokenHash) => new(Partition, $"participant|{p.Id}")
    {
        ["Participant"] = StoredJson.Serialize(p),
        ["Role"] = p.Role.ToString(),
        ["MemberState"] = p.MemberState,
        ["Active"] = p.Active,
        ["TokenHash"] = tokenHash,
    };

    private static TableEntity TokenRow(Participant p, string tokenHash) => new(Partition, $"token|{tokenHash}")
    {
        ["ParticipantId"] = p.Id,
        ["Participant"] = StoredJson.Serialize(p),
    };

    private static Participant FromRow(TableEntity row) =>
        StoredJson.Deserialize<Participant>(row.GetString("Participant")) with { Active = row.GetBoolean("Active") ?? false };
}
