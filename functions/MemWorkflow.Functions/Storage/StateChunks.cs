using Azure.Data.Tables;

namespace MemWorkflow.Functions.Storage;

/// <summary>A state's JSON split over as many string properties as it needs (Azure allows 64 KiB per
/// property and 1 MiB per entity): an evaluation with hundreds of documents outgrows one property.</summary>
public static class StateChunks
{
    public const int CharsPerChunk = 30_000;

    /// <summary>Writes <paramref name="json"/> to <paramref name="name"/>, <c>{name}1</c>, … and the count to
    /// <c>{name}Chunks</c> (<c>StateChunks</c> for the state, as stored before events were chunked too).</summary>
    public static void Write(TableEntity row, string json, string name = "State")
    {
        var chunks = json.Chunk(CharsPerChunk).Select(c => new string(c)).DefaultIfEmpty("").ToList();
        row[name] = chunks[0];
        for (var i = 1; i < chunks.Count; i++)
            row[$"{name}{i}"] = chunks[i];
        if (chunks.Count > 1 || name == "State")
            row[$"{name}Chunks"] = chunks.Count;
    }

    public static string Read(TableEntity row, string name = "State")
    {
        var count = row.GetInt32($"{name}Chunks") ?? 1;
        return count == 1 ? row.GetString(name) : string.Concat(Enumerable.Range(0, count).Select(i => row.GetString(i == 0 ? name : $"{name}{i}")));
    }
}
