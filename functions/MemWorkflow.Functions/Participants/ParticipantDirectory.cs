using System.Text;
using Azure;
using Azure.Data.Tables;
using MemWorkflow.Contracts.Participants;
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
