using System.Security.Cryptography;
using Azure.Data.Tables;
using MemWorkflow.Core.Assignments;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Assignments;

public sealed record StoredProposal(string ProposalId, string Fingerprint, int Seed, AssignmentProposal Proposal, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Proposals are drafts for the MEM Unit to review: kept in the round's partition until one
/// is committed; committing records the event, the proposal row stays as the record of what was shown.</summary>
public sealed class ProposalStore(StorageTables tables)
{
    public async Task<StoredProposal> SaveAsync(string roundId, string fingerprint, int seed, AssignmentProposal proposal, string createdBy,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = new StoredProposal($"a-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}", fingerprint, seed, proposal, createdBy, now);
        var row = new TableEntity(roundId, $"proposal|{stored.ProposalId}") { ["CreatedAt"] = now };
        StateChunks.Write(row, StoredJson.Serialize(stored));
        TableLimits.EnsureWithin(row);
        await tables.Rounds.AddEntityAsync(row, cancellationToken);
        return stored;
    }

    public async Task<StoredProposal?> GetAsync(string roundId, string proposalId, CancellationToken cancellationToken)
    {
        if (proposalId.Length > 40 || proposalId.Any(c => c is '\'' or '/' or '\\' or '#' or '?'))
            return null;
        var row = await tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, $"proposal|{proposalId}", cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? StoredJson.Deserialize<StoredProposal>(StateChunks.Read(entity)) : null;
    }
}
