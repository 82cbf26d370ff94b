using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Participants;

public sealed partial class ParticipantDirectory
{
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
}
