using System.Text;
using Azure;
using Azure.Data.Tables;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Participants;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.Functions.Participants;

public sealed partial class ParticipantDirectory
{
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
}
