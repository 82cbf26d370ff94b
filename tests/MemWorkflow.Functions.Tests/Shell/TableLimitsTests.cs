using Azure.Data.Tables;
using MemWorkflow.Core;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Shell;

/// <summary>Azurite accepts what Azure refuses; the app refuses it first, so local runs fail where Azure would.</summary>
public sealed class TableLimitsTests
{
    private static TableTransactionAction Add(string partition, string rowKey, string? text = null) =>
        new(TableTransactionActionType.Add, new TableEntity(partition, rowKey) { ["Text"] = text ?? "x" });

    [Fact]
    public void ATransaction_OfOneHundredOperations_Passes_AndOneMoreIsRefused()
    {
        TableLimits.EnsureWithin(Enumerable.Range(0, 100).Select(i => Add("r", $"k{i}")).ToList());
        var e = Assert.Throws<TableLimitExceededException>(() => TableLimits.EnsureWithin(Enumerable.Range(0, 101).Select(i => Add("r", $"k{i}")).ToList()));
        Assert.Contains("101 operations", e.Message);
    }

    [Fact]
    public void ATransaction_AcrossTwoPartitions_IsRefused() =>
        Assert.Contains("more than one partition", Assert.Throws<TableLimitExceededException>(() => TableLimits.EnsureWithin([Add("a", "1"), Add("b", "1")])).Message);

    [Fact]
    public void AStringProperty_OfMoreThan64KiB_IsRefused()
    {
        TableLimits.EnsureWithin(new TableEntity("r", "k") { ["Text"] = new string('a', 32_766) });
        var e = Assert.Throws<TableLimitExceededException>(() => TableLimits.EnsureWithin(new TableEntity("r", "k") { ["Text"] = new string('a', 32_767) }));
        Assert.Contains("Property Text", e.Message);
    }

    [Fact]
    public void AnEntity_OverOneMiB_IsRefused()
    {
        var entity = new TableEntity("r", "k");
        for (var i = 0; i < 17; i++)
            entity[$"Part{i}"] = new string('a', 32_000);
        Assert.Contains("Azure allows 1,048,576", Assert.Throws<TableLimitExceededException>(() => TableLimits.EnsureWithin(entity)).Message);
    }

    [Fact]
    public void ATransaction_OverFourMiB_IsRefused()
    {
        var actions = Enumerable.Range(0, 70).Select(i =>
        {
            var entity = new TableEntity("r", $"k{i}");
            for (var p = 0; p < 2; p++)
                entity[$"Part{p}"] = new string('a', 32_000);
            return new TableTransactionAction(TableTransactionActionType.Add, entity);
        }).ToList();
        Assert.Contains("Azure allows 4,194,304", Assert.Throws<TableLimitExceededException>(() => TableLimits.EnsureWithin(actions)).Message);
    }

    [Fact]
    public void TooManyPropertiesOrAForbiddenKeyCharacter_AreRefused()
    {
        var wide = new TableEntity("r", "k");
        for (var i = 0; i < 253; i++)
            wide[$"P{i}"] = i;
        Assert.Throws<TableLimitExceededException>(() => TableLimits.EnsureWithin(wide));
        Assert.Throws<TableLimitExceededException>(() => TableLimits.EnsureWithin(new TableEntity("r", "a/b")));
    }

    public sealed record Note(string Text);

    public sealed record Notes(int Count);

    [Fact]
    public async Task TheEventStore_RefusesAnOversizedEventBeforeItReachesAzurite_AndWritesNothing()
    {
        await using var app = await MemApp.StartAsync();
        var store = app.Service<EventStore>();
        var kind = new StreamKind<Notes, Note>("notes", (state, _) => new Notes((state?.Count ?? 0) + 1));

        // Beyond the 1 MiB an entity may carry: refused as too large (a 413 over HTTP), nothing written.
        var refused = await store.DecideAsync("r2099-00000000", "NOTES", kind,
            _ => Decision<Note>.Of(new Note(new string('n', 600_000))), (_, _) => [], Actor.System, MemApp.Epoch);
        Assert.Equal(RejectionKind.TooLarge, refused.Rejection!.Kind);
        Assert.Equal(0, refused.EventsWritten);
        Assert.Empty(await app.RowsAsync("rounds"));

        // Past one property's 64 KiB, an event's JSON spans several properties and reads back whole.
        var fits = await store.DecideAsync("r2099-00000000", "NOTES", kind,
            _ => Decision<Note>.Of(new Note(new string('n', 40_000))), (_, _) => [], Actor.System, MemApp.Epoch);
        Assert.Equal(1, fits.EventsWritten);
        var rows = await app.RowsAsync("rounds");
        // The event, the state row and the command's marker (recorded once per command).
        Assert.Equal(["cmd|NOTES|", "evt|NOTES|", "state|NOTES"], rows.Select(r => r.RowKey.StartsWith("state|", StringComparison.Ordinal) ? r.RowKey : r.RowKey[..(r.RowKey.IndexOf('|', 4) + 1)]).Order(StringComparer.Ordinal));
        Assert.Equal(40_000 + """{"text":""}""".Length, StateChunks.Read(rows.Single(r => r.RowKey.StartsWith("evt|", StringComparison.Ordinal)), "Data").Length);
    }

    public sealed record Ledger(IReadOnlyList<string> Lines);

    [Fact]
    public async Task AStateLargerThanOneProperty_IsStoredInChunks_AndReadBackWhole()
    {
        await using var app = await MemApp.StartAsync();
        var store = app.Service<EventStore>();
        var kind = new StreamKind<Ledger, Note>("ledger", (state, note) => new Ledger([.. state?.Lines ?? [], note.Text]));
        for (var i = 0; i < 5; i++)
        {
            await store.DecideAsync("r2099-00000001", "LEDGER", kind, _ => Decision<Note>.Of(new Note($"{i}:" + new string('x', 20_000))),
                (_, _) => [], Actor.System, MemApp.Epoch);
        }

        var row = Assert.Single(await app.RowsAsync("rounds", "RowKey eq 'state|LEDGER'"));
        Assert.Equal(4, row.GetInt32("StateChunks"));
        var (state, version, _) = await store.LoadAsync("r2099-00000001", "LEDGER", kind);
        Assert.Equal(5, version);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{i}:" + new string('x', 20_000)), state!.Lines);
    }
}
